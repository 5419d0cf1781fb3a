#!/bin/sh
# Prints how many zombies the container holds and how many processes have PID 1 as parent.
zombies=0 children=0
for status in /proc/[0-9]*/status; do
  state='' ppid=''
  { while read -r key value _; do
      case $key in State:) state=$value ;; PPid:) ppid=$value; break ;; esac
    done <"$status"; } 2>/dev/null
  [ "$state" = Z ] && zombies=$((zombies + 1))
  [ "$ppid" = 1 ] && children=$((children + 1))
done
echo "zombies=$zombies children-of-pid1=$children"

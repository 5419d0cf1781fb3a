#!/bin/sh
# An application with shutdown hooks. TERM runs the hook, then the application dies of TERM as one
# without a handler would, so its status reads "killed by TERM". USR1 is reported and ignored.
trap 'echo "hook: USR1 received"' USR1
trap 'echo "hook: TERM received"; kill "$pid" 2>/dev/null; trap - TERM; kill -TERM $$' TERM
echo ready
while :; do
  sleep 2147483647 &
  pid=$!
  wait "$pid"
done

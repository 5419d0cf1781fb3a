#!/bin/sh
# An application that leaves COUNT orphaned grandchildren behind, then keeps running.
# Each grandchild is parked on a pipe whose write end only this script holds, so all of them are
# orphans (their parent subshell is gone) before any exits. The write end closes as this script
# becomes the long-running application (exec), so they all exit together after that, and only the
# init can reap them: with no init, they stay zombies of the application.
count=${1:-200}
mkfifo /tmp/park
exec 3<>/tmp/park 4</tmp/park 5>/tmp/park 3>&-
i=0
while [ "$i" -lt "$count" ]; do
  ( (read -r _ <&4) 5>&- & )
  i=$((i + 1))
done
echo "orphans left: $count"
exec sleep 2147483647 4<&- 5>&-

#!/bin/sh
# An application that ignores TERM, as a stuck or careless one does; only KILL ends it.
trap '' TERM
echo ready
exec sleep 2147483647

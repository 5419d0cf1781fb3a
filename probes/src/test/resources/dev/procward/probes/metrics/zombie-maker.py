# A real parent that leaves N real zombies: renames itself (comm), forks N children that exit at
# once, and never waits for them until TERM, when it reaps them and exits, so nothing leaks onto
# PID 1. Usage: python3 zombie-maker.py N COMM ; prints "ready" once the children are forked.
import os, signal, sys, time
open('/proc/self/comm', 'w').write(sys.argv[2])
kids = []
for _ in range(int(sys.argv[1])):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    kids.append(pid)
def stop(*_):
    for k in kids:
        os.waitpid(k, 0)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
print('ready', flush=True)
while True:
    time.sleep(60)

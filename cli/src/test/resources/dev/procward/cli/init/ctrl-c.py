# Runs argv under a new pseudo-terminal, waits for "ready" on it, types Ctrl-C, and prints the
# command's exit status as the shell reports it (128+N for death by signal N).
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
seen = b""
deadline = time.time() + 120
while b"ready" not in seen and time.time() < deadline:
    try:
        seen += os.read(fd, 1024)
    except OSError:
        break
time.sleep(0.2)  # the app's trap-free loop is running; the line discipline turns ^C into SIGINT
os.write(fd, b"\x03")
while True:
    try:
        if not os.read(fd, 1024):
            break
    except OSError:
        break
_, status = os.waitpid(pid, 0)
print(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))

#!/usr/bin/env python3
"""Runs a procward scenario on the real Linux kernel and prints its trajectory.

Run as PID 1 of a fresh PID namespace:  unshare --pid --fork --mount-proc python3 driver.py FILE
This process is `init`. Every other process of the scenario is a forked agent that obeys
commands sent through a named pipe (one per label) and reports through a shared pipe. After each
statement the driver waits until the namespace is quiet (no task running, no deliverable signal
pending), collects the signals agents' handlers caught, and prints every process from /proc in
the format of dev.procward.simulator.scenario.Trajectory.
"""
import ctypes
import errno
import os
import resource
import select
import shlex
import signal
import sys
import tempfile
import threading
import time

libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG, PR_SET_NAME, PR_SET_CHILD_SUBREAPER = 1, 15, 36
NAMES = [None, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
         "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
         "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"]
PYTHON_TOUCHED = (signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ)
DIR = None
LABEL = "init"
EVENTS_W = None


def signame(n):
    """Names as `kill -l` (and procward) write them: TERM, RTMIN+2, RTMAX-3."""
    if 0 < n < len(NAMES):
        return NAMES[n]
    if n == 34:
        return "RTMIN"
    if n == 64:
        return "RTMAX"
    if 34 < n < 64:
        return "RTMIN+%d" % (n - 34) if n - 34 <= 15 else "RTMAX-%d" % (64 - n)
    return str(n)


def parse_sig(s):
    s = s.upper()
    if s.startswith("SIG"):
        s = s[3:]
    if s.isdigit():
        return int(s)
    if s.startswith("RTMIN"):
        return 34 + (int(s[6:]) if len(s) > 5 else 0)
    if s.startswith("RTMAX"):
        return 64 - (int(s[6:]) if len(s) > 5 else 0)
    return NAMES.index(s)


def set_name(name):
    libc.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)


def emit(line):
    os.write(EVENTS_W, (line + "\n").encode())


def err(e):
    return errno.errorcode.get(e.errno, str(e.errno)) if isinstance(e, OSError) and e.errno else "EAGAIN"


def on_caught(sig, frame):
    if LABEL == "init":
        CAUGHT.append("init:" + signame(sig))
    else:
        emit("caught %s:%s" % (LABEL, signame(sig)))


class SigAction(ctypes.Structure):
    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_ulong * 16), ("flags", ctypes.c_int),
                ("restorer", ctypes.c_void_p)]


def nocldwait():
    act = SigAction()
    act.handler = 0  # SIG_DFL
    act.flags = 2    # SA_NOCLDWAIT
    if libc.sigaction(signal.SIGCHLD, ctypes.byref(act), None) != 0:
        return errno.errorcode[ctypes.get_errno()]
    return "ok"


def prctl(option, value):
    if libc.prctl(option, value, 0, 0, 0) != 0:
        return errno.errorcode[ctypes.get_errno()]
    return "ok"


class KernelSigAction(ctypes.Structure):
    _fields_ = [("handler", ctypes.c_void_p), ("flags", ctypes.c_ulong), ("restorer", ctypes.c_void_p),
                ("mask", ctypes.c_ulong)]


def reset_every_disposition():
    """Whoever started us may have left signals ignored (a JVM ignores 32 and 33); exec kept that."""
    nr = {"x86_64": 13, "aarch64": 134}[os.uname().machine]
    act = KernelSigAction()
    for sig in range(1, 65):
        if sig in (signal.SIGKILL, signal.SIGSTOP):
            continue
        libc.syscall(nr, sig, ctypes.byref(act), None, 8)
    for sig in PYTHON_TOUCHED:
        signal.signal(sig, signal.SIG_DFL)


THREAD_GATE = threading.Event()


def perform(verb, args, me):
    """One system call made by this process; returns the result word(s)."""
    if verb == "signal":
        how = {"ignore": signal.SIG_IGN, "default": signal.SIG_DFL, "catch": on_caught}[args[1]]
        try:
            signal.signal(parse_sig(args[0]), how)
            return "ok"
        except OSError as e:
            return err(e)
        except ValueError:
            return "EINVAL"
    if verb == "nocldwait":
        return nocldwait()
    if verb in ("block", "unblock"):
        sigs = {parse_sig(s) for s in args[0].split(",")}
        signal.pthread_sigmask(signal.SIG_BLOCK if verb == "block" else signal.SIG_UNBLOCK, sigs)
        return "ok"
    if verb == "kill":
        try:
            os.kill(int(args[0]), parse_sig(args[1]))
            return "ok"
        except OSError as e:
            return err(e)
    if verb == "wait":
        try:
            pid, status = os.waitpid(int(args[0]), int(args[1]))
            return "nothing" if pid == 0 else "%d %d" % (pid, status)
        except OSError as e:
            return err(e)
    if verb == "setpgid":
        try:
            os.setpgid(int(args[0]), int(args[1]))
            return "ok"
        except OSError as e:
            return err(e)
    if verb == "setsid":
        try:
            os.setsid()
            return "sid %d" % os.getsid(0)
        except OSError as e:
            return err(e)
    if verb == "subreaper":
        return prctl(PR_SET_CHILD_SUBREAPER, 1)
    if verb == "pdeathsig":
        return prctl(PR_SET_PDEATHSIG, parse_sig(args[0]))
    if verb == "threads":
        wanted, started = int(args[0]), 0
        try:
            for _ in range(wanted):
                threading.Thread(target=THREAD_GATE.wait, daemon=True).start()
                started += 1
            return "started %d" % started
        except RuntimeError:
            return "started %d then EAGAIN" % started
    if verb == "pid_max":
        with open("/proc/sys/kernel/pid_max", "w") as f:
            f.write(args[0])
        return "ok"
    if verb == "fork":
        child_label = args[0]
        try:
            pid = os.fork()
        except OSError as e:
            return err(e)
        if pid == 0:
            agent_loop(child_label, child_label)
        return "pid %d" % pid
    if verb == "exec":
        ignored = ",".join(str(s) for s in PYTHON_TOUCHED if signal.getsignal(s) == signal.SIG_IGN)
        os.execv(sys.executable, [sys.executable, "-S", "-E", os.path.abspath(__file__), "--agent", me, args[0],
                                  DIR, ignored or "-"])
    raise SystemExit("driver: unknown verb " + verb)


def agent_loop(label, name):
    """Never returns: obeys commands from DIR/label.cmd until told to exit."""
    global LABEL
    LABEL = label
    set_name(name)
    fd = os.open(os.path.join(DIR, label + ".cmd"), os.O_RDWR)
    emit("ready %s %d" % (label, os.getpid()))
    buf = b""
    while True:
        data = os.read(fd, 4096)
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            words = line.decode().split()
            if words[0] == "ping":
                emit("pong " + label)
                continue
            if words[0] == "exit":
                os._exit(int(words[1]))
            result = perform(words[0], words[1:], label)
            emit("done %s %s" % (label, result))


# ------------------------------------------------------------------ the driver (PID 1)

CAUGHT = []
PIDS = {"init": 1}
LABELS = {1: "init"}
PENDING_LINES = []


def read_events(timeout, until):
    """Reads event lines until until(lines) holds or timeout; returns False on timeout."""
    end = time.monotonic() + timeout
    while not until():
        left = end - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([EVENTS_R], [], [], min(left, 0.005))
        if r:
            try:
                PARTIAL[0] += os.read(EVENTS_R, 65536).decode()
            except BlockingIOError:
                continue
            *complete, PARTIAL[0] = PARTIAL[0].split("\n")
            PENDING_LINES.extend(l for l in complete if l)
    return True


PARTIAL = [""]


def take(prefix):
    for i, l in enumerate(PENDING_LINES):
        if l.startswith(prefix):
            return PENDING_LINES.pop(i)
    return None


def proc(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return None
    comm = stat[stat.index("(") + 1:stat.rindex(")")]
    f = stat[stat.rindex(")") + 2:].split()
    info = {"comm": comm, "state": f[0], "ppid": int(f[1]), "pgid": int(f[2]), "sid": int(f[3]), "thr": int(f[17])}
    if info["state"] != "Z":
        try:
            with open("/proc/%d/status" % pid) as sf:
                for line in sf:
                    k, _, v = line.partition(":")
                    if k in ("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"):
                        info[k] = int(v.strip(), 16)
        except OSError:
            return None
    return info


def pids():
    return sorted(int(d) for d in os.listdir("/proc") if d.isdigit())


def settle(timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        quiet = True
        for pid in pids():
            p = proc(pid)
            if p is None:
                continue
            if pid != 1 and p["state"] in "RD" or p["state"] == "Z" and p["thr"] > 1 or p["state"] == "X":
                # A zombie leader whose threads are still exiting cannot be reaped yet; an X task
                # is reaped already (e.g. autoreaped on adoption) and leaves /proc a moment later.
                quiet = False
                break
            if p["state"] not in "ZT" and (p.get("SigPnd", 0) | p.get("ShdPnd", 0)) & ~p.get("SigBlk", 0):
                quiet = False
                break
        if quiet:
            return True
        time.sleep(0.002)
    return False


def alive_agents():
    out = []
    for pid in pids():
        if pid == 1 or pid not in LABELS:
            continue
        p = proc(pid)
        if p and p["state"] not in "ZTX":
            out.append(LABELS[pid])
    return out


def send(label, line):
    # Non-blocking: a pipe whose agent is gone must not hang the driver.
    fd = os.open(os.path.join(DIR, label + ".cmd"), os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


def unable(label):
    """The errno the simulator gives a process that cannot make a call: gone or zombie, or stopped."""
    p = proc(PIDS[label])
    if p is None or p["state"] == "Z":
        return "ESRCH"
    if p["state"] == "T":
        return "EAGAIN"
    return None


def wait_gone_or_zombie(pid, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        p = proc(pid)
        if p is None or p["state"] == "Z":
            return
        time.sleep(0.002)


def command(me, verb, args):
    """Runs one system call as process `me` and returns its result."""
    if me == "init":
        if verb == "exit":
            raise SystemExit("driver: init does not exit in a differential scenario")
        if verb == "fork":
            child = args[0]
            os.mkfifo(os.path.join(DIR, child + ".cmd"))
            res = perform(verb, args, me)
            return after_fork(child, res)
        return perform(verb, args, me)
    pid = PIDS[me]
    cannot = unable(me)
    if cannot:
        return cannot
    if verb == "exit":
        send(me, "exit " + args[0])
        wait_gone_or_zombie(pid)
        return "ok"
    if verb == "fork":
        child = args[0]
        os.mkfifo(os.path.join(DIR, child + ".cmd"))
        send(me, "fork " + child)
        read_events(10, lambda: any(l.startswith("done %s " % me) for l in PENDING_LINES))
        res = take("done %s " % me)[len("done %s " % me):]
        return after_fork(child, res)
    if verb == "exec":
        send(me, " ".join([verb] + args))
        read_events(10, lambda: any(l.startswith("ready %s " % me) for l in PENDING_LINES))
        take("ready %s " % me)
        return "ok"
    send(me, " ".join([verb] + args))
    # A call can end its own caller (unblocking a fatal pending signal): the call itself succeeded.
    answered = lambda: any(l.startswith("done %s " % me) for l in PENDING_LINES) or unable(me) is not None
    if not read_events(10, answered):
        return "NO ANSWER"
    line = take("done %s " % me)
    return line[len("done %s " % me):] if line else "ok"


def after_fork(child, res):
    if res.startswith("pid "):
        pid = int(res.split()[1])
        PIDS[child] = pid
        LABELS[pid] = child
        read_events(10, lambda: any(l.startswith("ready %s " % child) for l in PENDING_LINES))
        take("ready %s " % child)
    return res


def target(word):
    if word == "all":
        return -1
    if word == "mygroup":
        return 0
    if word.startswith("group:"):
        return -PIDS[word[6:]]
    return PIDS[word] if word in PIDS else int(word)


def describe(status):
    if os.WIFSTOPPED(status):
        return "stopped " + signame(os.WSTOPSIG(status))
    if os.WIFCONTINUED(status):
        return "continued"
    if os.WIFEXITED(status):
        return "exited %d" % os.WEXITSTATUS(status)
    return "killed " + signame(os.WTERMSIG(status)) + (" (core)" if os.WCOREDUMP(status) else "")


def step(words):
    verb, args = words[0], words[1:]
    if verb == "kill":
        sender = args[0]
        if sender == "outside":
            raise SystemExit("driver: the driver is PID 1 and has no outside")
        return command(sender, "kill", [str(target(args[1])), args[2]])
    if verb == "wait":
        sel, opts = -1, os.WNOHANG
        for w in args[1:]:
            if w == "nohang":
                pass
            elif w == "untraced":
                opts |= os.WUNTRACED
            elif w == "continued":
                opts |= os.WCONTINUED
            elif w == "any":
                sel = -1
            else:
                sel = target(w)
        res = command(args[0], "wait", [str(sel), str(opts)])
        if res[0].isdigit():
            pid, status = (int(x) for x in res.split())
            return "%s %s" % (LABELS.get(pid, str(pid)), describe(status))
        return res
    if verb == "setpgid":
        who = PIDS[args[1]] if len(args) > 1 else 0
        grp = PIDS[args[2]] if len(args) > 2 else 0
        return command(args[0], "setpgid", [str(who), str(grp)])
    if verb == "pid_max":
        return command("init", "pid_max", args)
    if verb in ("fork", "exec", "exit", "signal", "nocldwait", "block", "unblock", "setsid", "subreaper",
                "pdeathsig", "threads"):
        return command(args[0], verb, args[1:])
    raise SystemExit("driver: statement not supported on the real kernel: " + verb)


def snapshot():
    out = []
    for pid in pids():
        p = proc(pid)
        if p is None:
            continue
        state = "S" if pid == 1 else p["state"]
        head = "%d %s %s ppid=%d pgid=%d sid=%d" % (pid, p["comm"], state, p["ppid"], p["pgid"], p["sid"])
        if p["state"] == "Z":
            out.append("  " + head)
        else:
            out.append("  %s thr=%d pnd=%x blk=%x ign=%x cgt=%x" % (head, p["thr"], p.get("SigPnd", 0) | p.get("ShdPnd", 0),
                                                                  p.get("SigBlk", 0), p.get("SigIgn", 0), p.get("SigCgt", 0)))
    return out


def main(path):
    global DIR, EVENTS_W, EVENTS_R
    assert os.getpid() == 1, "run me as PID 1 of a new PID namespace"
    os.setsid()
    set_name("init")
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    reset_every_disposition()
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    DIR = tempfile.mkdtemp(prefix="procward-diff-")
    fifo = os.path.join(DIR, "events")
    os.mkfifo(fifo)
    EVENTS_R = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    EVENTS_W = os.open(fifo, os.O_WRONLY)
    n = 0
    with open(path) as f:
        lines = f.read().split("\n")
    for raw in lines:
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        if text.split()[0] in ("name", "describe", "config", "note"):
            continue
        words = shlex.split(text)
        n += 1
        result = step(words)
        settle()
        agents = alive_agents()
        for a in agents:
            send(a, "ping")
        read_events(10, lambda: all(("pong " + a) in PENDING_LINES for a in agents))
        for a in agents:
            PENDING_LINES.remove("pong " + a)
        settle()
        caught = sorted(set(CAUGHT + [l[len("caught "):] for l in PENDING_LINES if l.startswith("caught ")]))
        CAUGHT.clear()
        PENDING_LINES[:] = [l for l in PENDING_LINES if not l.startswith("caught ")]
        print("step %d: %s => %s" % (n, text, result))
        if caught:
            print("  caught " + " ".join(caught))
        for line in snapshot():
            print(line)
        sys.stdout.flush()


def exec_agent(label, name, directory, ignored):
    """After exec: restore what Python's start-up changed, then obey as before."""
    global DIR, EVENTS_W
    DIR = directory
    was_ignored = set() if ignored == "-" else {int(s) for s in ignored.split(",")}
    for s in PYTHON_TOUCHED:
        signal.signal(s, signal.SIG_IGN if int(s) in was_ignored else signal.SIG_DFL)
    EVENTS_W = os.open(os.path.join(DIR, "events"), os.O_WRONLY)
    agent_loop(label, name)


if __name__ == "__main__":
    if sys.argv[1] == "--agent":
        exec_agent(*sys.argv[2:6])
    else:
        main(sys.argv[1])

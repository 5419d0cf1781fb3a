package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnTest {

    @Test
    void exitCodeSevenComesBackThroughWaitid() {
        int pid = Spawn.command("sh", "-c", "exit 7").start();
        assertEquals(new ChildStatus.Exited(pid, 7), Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED));
    }

    @Test
    void newSessionMakesTheChildItsOwnSessionLeader() {
        int pid = Spawn.command("sleep", "30").newSession().start();
        try {
            assertEquals(pid, Children.session(pid));
            assertEquals(pid, Processes.getsid(pid));
            assertEquals(pid, Processes.getpgid(pid));
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void processGroupZeroMakesTheChildLeadANewGroupInOurSession() {
        int pid = Spawn.command("sleep", "30").processGroup(0).start();
        try {
            assertEquals(pid, Processes.getpgid(pid));
            assertEquals(Processes.getsid(0), Processes.getsid(pid));
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void fileActionsRedirectChangeDirectoryAndEnvironmentApply() {
        Children.Run run = Children.run(out -> Spawn.command("sh", "-c", "pwd; echo \"$GREETING\"; ls /proc/self/fd")
                .dup2(out, 1).closeFrom(3).chdir("/tmp").environment(List.of("GREETING=hello")));
        // ls sees 0, 1, 2 and the descriptor it opened on /proc/self/fd itself, nothing inherited
        assertEquals("/tmp\nhello\n0\n1\n2\n3\n", run.stdout());
        assertEquals(0, ((ChildStatus.Exited) run.status()).code());
    }

    @Test
    void openActionPlacesAFileOnADescriptor(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        int oWronlyCreatTrunc = 0x1 | 0x40 | 0x200;
        int pid = Spawn.command("sh", "-c", "echo written").open(1, out.toString(), oWronlyCreatTrunc, 0644).start();
        assertEquals(new ChildStatus.Exited(pid, 0), Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED));
        assertEquals("written\n", Files.readString(out));
    }

    @Test
    void signalMaskAndDefaultsReachTheChild() throws Exception {
        int pid = Spawn.command("sleep", "30")
                .signalMask(SignalSet.of(Signal.SIGUSR1, Signal.SIGHUP))
                .defaultSignals(SignalSet.of(Signal.SIGTERM))
                .start();
        try {
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            String sigBlk = status.lines().filter(l -> l.startsWith("SigBlk:")).findFirst().orElseThrow();
            long blocked = Long.parseUnsignedLong(sigBlk.substring(7).trim(), 16);
            assertEquals(SignalSet.of(Signal.SIGUSR1, Signal.SIGHUP).bits(), blocked);
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void aMissingProgramFailsWithEnoentNamingIt() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Spawn.command("/nope/not-here").start());
        assertSame(Errno.ENOENT, e.errno());
        assertEquals("posix_spawnp(/nope/not-here): ENOENT (No such file or directory)", e.getMessage());
        ErrnoException onPath = assertThrows(ErrnoException.class, () -> Spawn.command("procward-no-such-program").start());
        assertSame(Errno.ENOENT, onPath.errno());
    }

    @Test
    void aFileWithoutExecutePermissionFailsWithEacces(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Spawn.command(script.toString()).searchPath(false).start());
        assertSame(Errno.EACCES, e.errno());
        assertTrue(e.getMessage().startsWith("posix_spawn(" + script + "): EACCES"), e.getMessage());
    }

    @Test
    void anInvalidFileActionIsRefusedBeforeAnythingIsSpawned() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Spawn.command("true").signalMask(SignalSet.EMPTY).dup2(-1, 1).start());
        assertEquals("posix_spawn_file_actions_adddup2(-1, 1): EBADF (Bad file descriptor)", e.getMessage());
    }

    @Test
    void resetIdsStillSpawnsForAnOrdinaryCaller() {
        int pid = Spawn.command("true").resetIds().start();
        assertEquals(new ChildStatus.Exited(pid, 0), Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED));
    }

    @Test
    void schedulerAttributeStartsTheChildUnderFifoAsRootAndIsRefusedOtherwise() {
        Spawn spawn = Spawn.command("sleep", "30").scheduler(Scheduling.Policy.FIFO, 1);
        if (Processes.effectiveUid() != 0) {
            assertSame(Errno.EPERM, assertThrows(ErrnoException.class, spawn::start).errno());
            return;
        }
        int pid = spawn.start();
        try {
            Scheduling.SchedAttr attr = Scheduling.getAttr(pid);
            assertEquals(Scheduling.Policy.FIFO, attr.policy());
            assertEquals(1, attr.priority());
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void glibcOnlyAcceptsOtherFifoAndRoundRobinAsSpawnPolicies() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Spawn.command("true").scheduler(Scheduling.Policy.BATCH, 0).start());
        assertSame(Errno.EINVAL, e.errno());
    }

    @Test
    void aPreparedSpawnStartsTheSameCommandAgainWithItsAttributesAndFileActions() {
        int[] pipe = Fds.pipe();
        try (Spawn.Prepared prepared = Spawn.command("sh", "-c", "echo \"$GREETING\"; exit 3")
                .environment(List.of("GREETING=again")).signalMask(SignalSet.EMPTY).processGroup(0)
                .dup2(pipe[1], 1).closeFrom(3).prepare()) {
            int first = prepared.start();
            int second = prepared.start();
            Fds.close(pipe[1]);
            assertEquals(new ChildStatus.Exited(first, 3), Wait.waitpid(first, 0));
            assertEquals(new ChildStatus.Exited(second, 3), Wait.waitpid(second, 0));
            assertEquals("again\nagain\n", Children.readAll(pipe[0]));
        } finally {
            Fds.close(pipe[0]);
        }
    }

    @Test
    void aPreparedSpawnIsIndependentOfLaterChangesToItsBuilderAndStartsFromAnotherThread() throws Exception {
        Spawn builder = Spawn.command("sh", "-c", "exit 4");
        try (Spawn.Prepared prepared = builder.prepare()) {
            builder.program("/nope/changed-later");
            int[] pid = new int[1];
            Thread other = Thread.ofPlatform().start(() -> pid[0] = prepared.start());
            other.join();
            assertEquals(new ChildStatus.Exited(pid[0], 4), Wait.waitpid(pid[0], 0));
        }
    }

    @Test
    void aPreparedSpawnReportsExecFailuresOnEachStartAndClosesTwiceQuietly() {
        Spawn.Prepared prepared = Spawn.command("/nope/not-here").searchPath(false).prepare();
        for (int i = 0; i < 2; i++) {
            ErrnoException e = assertThrows(ErrnoException.class, prepared::start);
            assertEquals("posix_spawn(/nope/not-here): ENOENT (No such file or directory)", e.getMessage());
        }
        prepared.close();
        prepared.close();
    }

    @Test
    void anInvalidFileActionIsRefusedWhenPreparing() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Spawn.command("true").signalMask(SignalSet.EMPTY).dup2(-1, 1).prepare());
        assertEquals("posix_spawn_file_actions_adddup2(-1, 1): EBADF (Bad file descriptor)", e.getMessage());
    }
}

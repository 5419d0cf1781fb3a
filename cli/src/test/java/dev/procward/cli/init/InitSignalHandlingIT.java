package dev.procward.cli.init;

import dev.procward.cli.Prerequisite;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.procward.cli.init.Runs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Signals the init itself handles rather than plainly forwards, side by side with Debian's tini
 * and dumb-init where they have the same behaviour: TTIN/TTOU ignored (tini), TSTP stopping the
 * group and the init (dumb-init), {@code -c}, {@code -p}, and the pidfd that keeps a recycled pid
 * from being hit. Not at PID 1 unless said: a PID 1 cannot stop itself, and the tests read the
 * processes' host pids.
 */
class InitSignalHandlingIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsRoot() {
        requireRootAndUnshare();
    }

    private List<String> behind(List<String> init, Path script) {
        return withDefaultSignals(concat(init, "/bin/sh", script.toString(), tmp.toString()));
    }

    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD", "PROCWARD_AS_TINI", "TINI"})
    void ttinAndTtouSentToTheInitNeitherStopItNorReachTheChild(Inits init) throws Exception {
        Path log = tmp.resolve("log");
        Path child = script(tmp, "child.sh", """
                trap 'echo TTIN >> $1/log' TTIN; trap 'echo TTOU >> $1/log' TTOU
                trap 'echo WINCH >> $1/log; exit 0' WINCH
                touch $1/ready; while :; do sleep 0.05; done
                """);
        Process p = start(behind(init.command(List.of()), child), Map.of());
        awaitFile(tmp.resolve("ready"));
        kill("TTIN", p.pid());
        kill("TTOU", p.pid());
        // WINCH has the higher number: pending together, the init takes TTIN and TTOU first, and
        // the child's shell runs its traps in signal order. The child ends on WINCH.
        kill("WINCH", p.pid());
        await("the init ends or stops", () -> !p.isAlive() || state(p.pid()) == 'T');
        if (p.isAlive() && state(p.pid()) == 'T') {
            kill("CONT", p.pid());
            p.destroyForcibly();
            fail(init + " was stopped by TTIN or TTOU");
        }
        Result r = finish(p);
        assertEquals(0, r.code(), init + ": " + r);
        assertEquals(List.of("WINCH"), linesOf(log), init + " forwarded TTIN or TTOU");
    }

    static Stream<List<String>> dumbInitModes() {
        return Inits.inDumbInitMode();
    }

    @ParameterizedTest
    @MethodSource("dumbInitModes")
    void tstpStopsTheChildsGroupAndTheInitAndContResumesBoth(List<String> init) throws Exception {
        Path child = script(tmp, "child.sh", "touch $1/ready; while :; do sleep 0.05; done\n");
        Process p = start(behind(init, child), Map.of());
        awaitFile(tmp.resolve("ready"));
        long shell = childrenOf(p.pid()).getFirst();
        try {
            kill("TSTP", p.pid());
            await(init + ": the child and the init stopped", () -> state(shell) == 'T' && state(p.pid()) == 'T');
            kill("CONT", p.pid());
            await(init + ": the child and the init run again", () -> state(shell) != 'T' && state(p.pid()) != 'T');
            p.destroy();
            Result r = finish(p);
            assertEquals(143, r.code(), init + ": the child died of the forwarded TERM: " + r);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static Stream<Arguments> signalTargets() {
        return Stream.concat(Inits.inDumbInitMode().map(init -> Arguments.of(init, false)),
                Inits.inDumbInitMode("-c").map(init -> Arguments.of(init, true)));
    }

    /**
     * USR1 to the init; once the child has it, USR2 goes straight to the grandchild (same group).
     * The grandchild's shell runs pending traps in signal order, so when its USR2 line is written,
     * a USR1 that reached it was logged before.
     */
    @ParameterizedTest
    @MethodSource("signalTargets")
    void singleChildSignalsOnlyTheChildNotTheRestOfItsGroup(List<String> init, boolean singleChild) throws Exception {
        Path log = tmp.resolve("log");
        script(tmp, "grandchild.sh", """
                trap 'echo grandchild-USR1 >> $1/log' USR1
                trap 'echo grandchild-USR2 >> $1/log; exit 0' USR2
                echo $$ > $1/grandchild-pid.tmp; mv $1/grandchild-pid.tmp $1/grandchild-pid
                while :; do sleep 0.05; done
                """);
        Path child = script(tmp, "child.sh", """
                trap 'echo child-USR1 >> $1/log' USR1
                sh $1/grandchild.sh $1 &
                while [ ! -e $1/grandchild-pid ]; do sleep 0.01; done
                touch $1/ready
                while [ ! -e $1/done ]; do sleep 0.05; done
                """);
        Process p = start(behind(init, child), Map.of());
        awaitFile(tmp.resolve("ready"));
        long grandchild = Long.parseLong(Files.readString(tmp.resolve("grandchild-pid")).strip());
        kill("USR1", p.pid());
        await("the child got USR1", () -> linesOf(log).contains("child-USR1"));
        kill("USR2", grandchild);
        await("the grandchild got USR2", () -> linesOf(log).contains("grandchild-USR2"));
        Files.createFile(tmp.resolve("done"));
        Result r = finish(p);
        assertEquals(0, r.code(), init + ": " + r);
        assertEquals(!singleChild, linesOf(log).contains("grandchild-USR1"), init + ": " + linesOf(log));
    }

    /**
     * {@code -p SIGTERM}: the shell that started the init is KILLed, the kernel sends the init
     * TERM, and the init forwards it to the child like any TERM.
     */
    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD", "PROCWARD_AS_TINI", "TINI"})
    void parentDeathSignalReachesTheInitWhenItsParentDies(Inits init) throws Exception {
        Path log = tmp.resolve("log");
        Path child = script(tmp, "child.sh", "trap 'echo TERM >> $1/log; exit 0' TERM; touch $1/ready; while :; do sleep 0.05; done\n");
        String initLine = String.join(" ", behind(init.command(List.of("-s", "-p", "SIGTERM")), child).stream()
                .map(InitAsPid1IT::quote).toList());
        Path initPid = tmp.resolve("init-pid");
        Process parent = start(List.of("/bin/sh", "-c", initLine + " >" + tmp.resolve("init.out") + " 2>&1 & echo $! > "
                + initPid + "; wait"), Map.of());
        ProcessHandle initHandle = null;
        try {
            awaitFile(tmp.resolve("ready"));
            initHandle = ProcessHandle.of(Long.parseLong(Files.readString(initPid).strip())).orElseThrow();
            parent.destroyForcibly();
            finish(parent);
            await(init + "'s child got the TERM", () -> linesOf(log).contains("TERM"));
            initHandle.onExit().get();
        } finally {
            if (initHandle != null) {
                initHandle.descendants().forEach(ProcessHandle::destroyForcibly);
                initHandle.destroyForcibly();
            }
        }
        assertEquals(List.of("TERM"), linesOf(log), Files.readString(tmp.resolve("init.out")));
    }

    /**
     * The main child is signalled through its pidfd, so a signal meant for it never reaches a
     * process that got its pid after it. At PID 1 (where the pids are small and
     * /proc/sys/kernel/ns_last_pid is the namespace's), with the kernel reaping (SIGCHLD ignored):
     * the init is stopped, the main child exits (the kernel frees its pid at once), an orphan
     * starts an impostor on that very pid, then USR1 is sent to the init and the init resumed.
     * The init reads its signals before the pidfd's news, so it forwards USR1 while it still
     * takes the child for alive: by pid, the impostor would get it. {@code --restart} keeps the
     * init up afterwards; the restarted child shows that the exit, and so USR1, was handled.
     */
    @Test
    void aSignalForTheExitedMainChildNeverReachesAProcessThatReusedItsPid() throws Exception {
        script(tmp, "impostor.sh", """
                trap 'echo USR1 >> $1/impostor-log' USR1
                echo $$ > $1/impostor-pid.tmp; mv $1/impostor-pid.tmp $1/impostor-pid
                while [ ! -e $1/impostor-done ]; do sleep 0.05; done
                echo finished >> $1/impostor-log
                """);
        // Its own session: a group the main child led keeps the main child's pid in use.
        script(tmp, "helper.sh", """
                main=$2
                while [ -d /proc/$main ]; do
                  read -r s < /proc/$main/stat 2>/dev/null && case "${s##*) }" in Z*) echo zombie > $1/impostor-pid; exit 1;; esac
                  sleep 0.01
                done
                echo $((main - 1)) > /proc/sys/kernel/ns_last_pid
                sh $1/impostor.sh $1 &
                wait
                """);
        Path child = script(tmp, "child.sh", """
                if [ -e $1/first-ran ]; then touch $1/ready2; while [ ! -e $1/done2 ]; do sleep 0.05; done; exit 0; fi
                touch $1/first-ran
                setsid sh $1/helper.sh $1 $$ &
                echo $$ > $1/main-pid
                while [ ! -e $1/go ]; do sleep 0.05; done
                """);
        Process p = start(concat(asPid1(Inits.PROCWARD.command(List.of("--restart", "always", "--max-restarts", "1"))),
                "/bin/sh", child.toString(), tmp.toString()), Map.of());
        long init = namespaceInit(p);
        try {
            awaitFile(tmp.resolve("main-pid"));
            kill("STOP", init);
            await("the init stopped", () -> state(init) == 'T');
            Files.createFile(tmp.resolve("go"));
            awaitFile(tmp.resolve("impostor-pid"));
            String impostor = Files.readString(tmp.resolve("impostor-pid")).strip();
            Prerequisite.require(!impostor.equals("zombie"), "a kernel that reaps for the init (Linux 6.15): else no pid is freed before the init looks");
            assertEquals(Files.readString(tmp.resolve("main-pid")).strip(), impostor, "the impostor got the main child's pid");
            kill("USR1", init);
            kill("CONT", init);
            awaitFile(tmp.resolve("ready2"));
            Files.createFile(tmp.resolve("impostor-done"));
            await("the impostor finished", () -> linesOf(tmp.resolve("impostor-log")).contains("finished"));
            assertEquals(List.of("finished"), linesOf(tmp.resolve("impostor-log")), "USR1 reached the process that reused the pid");
            Files.createFile(tmp.resolve("done2"));
            Result r = finish(p);
            assertEquals(0, r.code(), r.toString());
        } finally {
            if (p.isAlive()) kill("CONT", init);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}

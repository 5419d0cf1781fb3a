package dev.procward.cli.init;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.procward.cli.init.Runs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The init at PID 1 of a new PID namespace, side by side: procward (native and as tini or
 * dumb-init) must give the same observable results as Debian's tini and dumb-init.
 */
class InitAsPid1IT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsRoot() {
        requireRootAndUnshare();
    }

    private static List<String> pid1(Inits init, String script, String... flags) {
        return concat(asPid1(init.command(List.of(flags))), "/bin/sh", "-c", script);
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void reapsAHundredOrphanedGrandchildrenAndLeavesNoZombie(Inits init) throws Exception {
        // The app leaves 100 orphans that exit at once, waits until they are gone, then counts
        // zombies in its namespace; the init reaps them as they exit (no timer).
        String script = """
                for i in $(seq 100); do (sleep 0.2 &); done
                i=0
                while [ $i -lt 600 ]; do
                  z=0; s=0
                  for f in /proc/[0-9]*/stat; do
                    read -r line < "$f" 2>/dev/null || continue
                    rest=${line##*) }; st=${rest%% *}
                    case "$line" in *"(sleep)"*) s=$((s+1));; esac
                    [ "$st" = Z ] && z=$((z+1))
                  done
                  [ $s -eq 0 ] && [ $z -eq 0 ] && { echo "zombies=0"; exit 0; }
                  i=$((i+1)); sleep 0.05
                done
                echo "zombies=$z sleeps=$s"; exit 1
                """;
        Result r = run(pid1(init, script));
        assertEquals("zombies=0", r.out().strip(), init + ": " + r);
        assertEquals(0, r.code(), init + ": " + r);
    }

    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD", "TINI", "DUMB_INIT"})
    void passesEveryExitCodeFrom0To255(Inits init) throws Exception {
        assertCodesPassThrough(init, IntStream.range(0, 256).boxed().toList());
    }

    /** The personalities share the native exit path: a sample of the codes that matter suffices. */
    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD_AS_TINI", "PROCWARD_AS_DUMB_INIT"})
    void passesBoundaryExitCodesThroughInEveryPersonality(Inits init) throws Exception {
        assertCodesPassThrough(init, List.of(0, 1, 2, 126, 127, 128, 129, 143, 254, 255));
    }

    /** One init per code as PID 1, four at a time: a bounded parallel batch in one shell. */
    private static void assertCodesPassThrough(Inits init, List<Integer> codes) throws Exception {
        String initLine = String.join(" ", init.command(List.of()).stream().map(InitAsPid1IT::quote).toList());
        String codeList = codes.stream().map(String::valueOf).collect(Collectors.joining(" "));
        String batch = "for c in " + codeList + "; do echo $c; done | xargs -P 4 -I{} sh -c 'unshare --pid --fork --mount-proc "
                + initLine + " /bin/sh -c \"exit {}\" >/dev/null 2>&1; echo \"{} $?\"'";
        Result r = run(List.of("/bin/sh", "-c", batch), Map.of(), java.time.Duration.ofMinutes(10));
        Map<Integer, Integer> got = r.outLines().stream().map(l -> l.split(" "))
                .collect(Collectors.toMap(a -> Integer.parseInt(a[0]), a -> Integer.parseInt(a[1])));
        assertEquals(codes.size(), got.size(), init + ": " + r);
        List<Integer> wrong = codes.stream().filter(c -> !got.get(c).equals(c)).toList();
        assertEquals(List.of(), wrong, init + " changed these exit codes");
    }

    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD", "PROCWARD_AS_TINI", "TINI"})
    void remapsExitCodesWithE(Inits init) throws Exception {
        assertEquals(0, run(pid1(init, "exit 3", "-e", "3", "-e", "4")).code());
        assertEquals(5, run(pid1(init, "exit 5", "-e", "3")).code());
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void aChildKilledBySigkillGives137(Inits init) throws Exception {
        assertEquals(137, run(pid1(init, "kill -9 $$; sleep 10")).code());
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void aMissingProgramGives127AndNamesIt(Inits init) throws Exception {
        Result r = run(concat(asPid1(init.command(List.of())), "procward-no-such-program"));
        assertEquals(init.family == Inits.Family.DUMB_INIT ? 2 : 127, r.code(), r.toString());
        String expected = init.family == Inits.Family.DUMB_INIT
                ? "[dumb-init] procward-no-such-program: No such file or directory"
                : "exec procward-no-such-program failed: No such file or directory";
        assertTrue(r.err().contains(expected), r.err());
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void aProgramThatIsNotExecutableGives126AndNamesIt(Inits init) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-executable"), "#!/bin/sh\n");
        Result r = run(concat(asPid1(init.command(List.of())), file.toString()));
        assertEquals(init.family == Inits.Family.DUMB_INIT ? 2 : 126, r.code(), r.toString());
        assertTrue(r.err().contains(file + (init.family == Inits.Family.DUMB_INIT ? ": " : " failed: ") + "Permission denied"), r.err());
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void termFromOutsideTheNamespaceReachesTheAppsHandler(Inits init) throws Exception {
        Path ready = tmp.resolve("ready");
        Process p = start(pid1(init, "trap 'echo handler-ran; exit 42' TERM; touch " + ready + "; while :; do sleep 0.05; done"), Map.of());
        awaitFile(ready);
        long initPid = namespaceInit(p);
        ProcessHandle.of(initPid).orElseThrow().destroy(); // SIGTERM from the parent namespace
        Result r = finish(p);
        assertEquals(42, r.code(), init + ": " + r);
        assertEquals("handler-ran", r.out().strip());
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void groupSignallingReachesAGrandchildWhoseParentIgnoresTheSignal(Inits init) throws Exception {
        Path inner = tmp.resolve("inner");
        Path ready = tmp.resolve("ready");
        String grandchild = "trap 'echo grandchild-got-term; exit 0' TERM; touch " + inner + "; while :; do sleep 0.05; done";
        String script = "sh -c \"" + grandchild + "\" & trap '' TERM; while [ ! -e " + inner + " ]; do sleep 0.01; done; touch "
                + ready + "; wait $!; exit $?";
        String[] groupFlag = init.family == Inits.Family.TINI ? new String[] {"-g"} : new String[0];
        Process p = start(pid1(init, script, groupFlag), Map.of());
        awaitFile(ready);
        ProcessHandle.of(namespaceInit(p)).orElseThrow().destroy();
        Result r = finish(p);
        assertEquals("grandchild-got-term", r.out().strip(), init + ": " + r);
        assertEquals(0, r.code(), init + ": " + r);
    }

    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD", "PROCWARD_AS_TINI", "TINI", "PROCWARD_AS_DUMB_INIT"})
    void theChildStartsWithTheMaskAndIgnoredSignalsTheInitWasStartedWith(Inits init) throws Exception {
        // Real dumb-init resets both (it unblocks everything and installs handlers for 1..31),
        // which is why it is not in this list; procward keeps them in every personality.
        // env sets them and execs the init, which is then PID 1 (unshare itself resets the mask).
        List<String> cmd = asPid1(concat(List.of("/usr/bin/env", "--block-signal=USR2,WINCH", "--ignore-signal=USR1,HUP"),
                init.command(List.of()).toArray(String[]::new)));
        // grep reads its own status: a shell would clear the mask first (dash does).
        Result r = run(concat(cmd, "/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"));
        Result withoutInit = run(List.of("/usr/bin/env", "--block-signal=USR2,WINCH", "--ignore-signal=USR1,HUP",
                "/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"));
        assertTrue(withoutInit.out().startsWith("SigBlk:\t0000000008000800\n"), withoutInit.out());
        assertEquals(withoutInit.out(), r.out(), init + ": " + r);
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void theChildHasOnlyTheInheritedDescriptors(Inits init) throws Exception {
        String initLine = String.join(" ", asPid1(init.command(List.of())).stream().map(InitAsPid1IT::quote).toList());
        Result r = run(List.of("/bin/sh", "-c", "exec 7</dev/null 9>/dev/null; exec " + initLine
                + " /bin/sh -c 'ls -1 /proc/$$/fd'"));
        Set<String> fds = new TreeSet<>(r.outLines());
        assertEquals(new TreeSet<>(List.of("0", "1", "2", "7", "9")), fds, init + ": " + r);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

package dev.procward.cli.init;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.procward.cli.init.Runs.*;
import static org.junit.jupiter.api.Assertions.*;

/** Not PID 1: subreaper by default (procward), or tini's warning when neither applies. */
class InitAsSubreaperIT {

    @BeforeAll
    static void needsInits() {
        requireRootAndUnshare();
    }

    @ParameterizedTest
    @EnumSource(value = Inits.class, names = {"PROCWARD_AS_TINI", "TINI"})
    void tiniWithoutSWarnsThatZombieReapingWontWork(Inits init) throws Exception {
        Result r = run(concat(init.command(List.of()), "/bin/true"));
        assertEquals(0, r.code());
        assertTrue(r.err().contains("zombie reaping won't work"), r.err());
        Result withS = run(concat(init.command(List.of("-s")), "/bin/true"));
        assertFalse(withS.err().contains("zombie reaping won't work"), withS.err());
    }

    @Test
    void procwardRegistersAsSubreaperByDefaultSaysSoAtVAndAdoptsOrphans() throws Exception {
        // The orphan reports its parent: the init (the subreaper), not the host's PID 1.
        Result r = run(concat(Inits.PROCWARD.command(List.of("-v", "--wait-all")), "/bin/sh", "-c",
                "(sh -c 'sleep 0.3; read -r s < /proc/$$/stat; set -- ${s##*) }; echo ppid=$2' &) ; exit 0"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("Registered as child subreaper"), r.err());
        assertFalse(r.err().contains("zombie reaping won't work"), r.err());
        String ppid = r.out().strip();
        assertNotEquals("ppid=1", ppid, r.toString());
    }

    @Test
    void warnOnReapPrintsTinisLine() throws Exception {
        Result r = run(concat(Inits.PROCWARD.command(List.of("-w", "--wait-all")), "/bin/sh", "-c", "(sleep 0.1 &); exit 0"));
        assertTrue(r.err().contains("Reaped zombie process with pid="), r.err());
    }
}

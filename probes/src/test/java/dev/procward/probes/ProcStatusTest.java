package dev.procward.probes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatusTest {
    @Test
    void readsIdentityCredentialsAndMemory() {
        ProcStatus s = ProcStatus.parse(Fixtures.text("sleeper/status"));
        assertEquals("sleep", s.name());
        assertEquals('S', s.state());
        assertEquals(s.pid(), s.tgid());
        assertEquals(new ProcStatus.Ids(0, 0, 0, 0), s.uids());
        assertEquals(List.of(s.pid()), s.nsPid());
        assertTrue(s.vmRss() > 0);
        assertEquals(s.vmRss(), s.rssAnon() + s.rssFile() + s.rssShmem());
        assertEquals(1, s.threads());
    }

    @Test
    void zombiesAndKernelThreadsHaveNoMemoryLines() {
        ProcStatus z = ProcStatus.parse(Fixtures.text("zombie/status"));
        assertEquals('Z', z.state());
        assertEquals(-1, z.vmRss());
        assertEquals(0x6, z.sigIgn()); // SIGINT and SIGQUIT ignored by the shell's background job
        assertEquals(List.of(), z.groups());
        ProcStatus k = ProcStatus.parse(Fixtures.text("kthread/status"));
        assertEquals(-1, k.vmSize());
    }

    @Test
    void readsNestedPidNamespaces() {
        ProcStatus s = ProcStatus.parse("Name:\tsh\nPid:\t900\nNSpid:\t900\t1\nNSsid:\t900\t1\nCapEff:\t00000000a80425fb\n");
        assertEquals(List.of(900, 1), s.nsPid());
        assertEquals(0xa80425fbL, s.capEff());
    }

    @Test
    void rejectsMalformedNumbers() {
        assertThrows(ProcParseException.class, () -> ProcStatus.parse("Pid:\tabc\n"));
        assertThrows(ProcParseException.class, () -> ProcStatus.parse("Uid:\t1 2\n"));
        assertThrows(ProcParseException.class, () -> ProcStatus.parse("nothing here"));
    }
}

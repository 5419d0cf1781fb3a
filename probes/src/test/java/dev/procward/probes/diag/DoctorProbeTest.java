package dev.procward.probes.diag;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class DoctorProbeTest extends LiveProcessTest {
    private static DoctorReport doctor() throws InterruptedException {
        var p = new DoctorProbe(PROC, HostProbe.DEFAULT_CGROUP_ROOT, null, 3, Duration.ofMillis(50), 5);
        return DoctorReport.of(p.read());
    }

    private static Finding finding(DoctorReport r, String check) {
        return r.findings().stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aThreadStuckInDStateIsAWarningThatNamesIt() throws Exception {
        Path exe = NativeHelpers.compile("vfork_block", tmp);
        Process parent = procs.start(exe.toString(), "1000");
        RealProcesses.await("doctor sees the D thread", Duration.ofSeconds(60), () -> {
            try {
                return finding(doctor(), "dstate").summary().contains("vfork_block");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        var r = doctor();
        Finding d = finding(r, "dstate");
        assertTrue(d.severity().compareTo(Severity.WARNING) >= 0, d.toString());
        assertTrue(d.remedy().contains("procward stuck"), d.remedy());
        assertTrue(r.facts().dThreads() >= 1);
        assertTrue(r.worst().compareTo(Severity.WARNING) >= 0);
        assertTrue(parent.isAlive());
    }

    @Test
    void withoutAKernelLogTheGapIsStatedNotHidden() throws Exception {
        var r = doctor();
        assertEquals("missing", r.facts().kernelLogGap());
        assertEquals(-1, r.facts().oomKillsInLog());
        assertTrue(finding(r, "oom-kills").summary().contains("kernel log unreadable"));
    }

    @Test
    void churnDuringTheDoctorRaisesNothing() throws Exception {
        procs.churn();
        for (int i = 0; i < 5; i++) assertNotNull(doctor());
    }
}

package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MountInfoTest {
    private final MountInfo mounts = MountInfo.parse(Fixtures.text("mountinfo/with-fuse-and-nfs"));

    @Test
    void everyLineOfARealMountinfoParses() {
        MountInfo host = MountInfo.parse(Fixtures.text("mountinfo/host"));
        assertTrue(host.mounts().size() > 10);
        var proc = host.mountOf("/proc/self/stat").orElseThrow();
        assertEquals("proc", proc.fsType());
    }

    @Test
    void thePathMapsToTheLongestMountPointPrefix() {
        var nfs = mounts.mountOf("/srv/nfs/data/file").orElseThrow();
        assertEquals("nfs4", nfs.fsType());
        assertEquals("filer:/export", nfs.source());
        assertEquals("0:56", nfs.device());
        assertTrue(nfs.network());
        assertFalse(nfs.fuse());
        var nested = mounts.mountOf("/srv/nfs/fuse/x").orElseThrow();
        assertTrue(nested.fuse());
        assertEquals("/", mounts.mountOf("/srv/nfsother").orElseThrow().mountPoint(), "prefix must end at a path separator");
    }

    @Test
    void octalEscapesInPathsAreDecoded() {
        var sshfs = mounts.mountOf("/mnt/my data/f").orElseThrow();
        assertEquals("/mnt/my data", sshfs.mountPoint());
        assertTrue(sshfs.fuse());
        assertTrue(sshfs.network(), "sshfs is FUSE over the network");
    }

    @Test
    void aPseudoPathHasNoMount() {
        assertTrue(mounts.mountOf("socket:[1234]").isEmpty());
    }

    @Test
    void truncatedLinesAreMalformed() {
        assertThrows(ProcParseException.class, () -> MountInfo.parse("22 27 0:21 / /proc rw"));
        assertThrows(ProcParseException.class, () -> MountInfo.parse("22 27 021 / /proc rw,relatime - proc proc rw"));
    }

    @Test
    void readsThisProcessesMountNamespace() {
        var r = MountInfo.read(Path.of("/proc"), (int) ProcessHandle.current().pid());
        assertTrue(r.orElse(null).mountOf("/").isPresent());
    }
}

package dev.procward.cli.inspect;

import dev.procward.probes.IdNames;
import dev.procward.probes.SystemInfo;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * What columns need besides the row: the host facts, user names, the time zone, and %cpu measured
 * over an interval (keyed by pid, or tid under -L), empty for lifetime averages. The user database
 * and the time zone are looked up on first use: most column lists need neither, and each costs a
 * file read and class loading in a command whose run time is mostly start-up.
 */
public final class PsContext {
    private final SystemInfo system;
    private final Path root;
    private final Map<Integer, Double> intervalCpu;
    private IdNames users;
    private ZoneId zone;

    public PsContext(SystemInfo system, Path root, Map<Integer, Double> intervalCpu) {
        this.system = system;
        this.root = root;
        this.intervalCpu = intervalCpu;
    }

    public SystemInfo system() { return system; }
    public Map<Integer, Double> intervalCpu() { return intervalCpu; }

    /** The user names of the /proc root's host (its etc/passwd). */
    public IdNames users() {
        if (users == null) users = IdNames.users(root);
        return users;
    }

    public ZoneId zone() {
        if (zone == null) zone = ZoneId.systemDefault();
        return zone;
    }
}

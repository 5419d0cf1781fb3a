package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code /proc/PID/cgroup}: one line per hierarchy, {@code ID:CONTROLLERS:PATH}. Under cgroup v2
 * the only line is {@code 0::PATH}; under v1 each controller (or comma-joined group, or
 * {@code name=systemd}) has its own; hybrid hosts show both.
 */
public record CgroupMembership(List<Entry> entries) {

    public record Entry(int hierarchyId, List<String> controllers, String path) {
        public Entry {
            controllers = List.copyOf(controllers);
        }

        /** The v2 unified hierarchy: id 0 with an empty controller list. */
        public boolean unified() {
            return hierarchyId == 0 && controllers.isEmpty();
        }
    }

    public CgroupMembership {
        entries = List.copyOf(entries);
    }

    /** The v1 hierarchy a controller ("memory", "pids") is attached to, if any. */
    public Optional<Entry> v1(String controller) {
        return entries.stream().filter(e -> e.controllers().contains(controller)).findFirst();
    }

    public Optional<Entry> unified() {
        return entries.stream().filter(Entry::unified).findFirst();
    }

    /**
     * True when the process sits at the root of the hierarchy that carries {@code controller}: its
     * v1 hierarchy, or the unified one on a pure v2 host. The root cgroup keeps no usage counter
     * for most controllers (no {@code pids.current}, no v2 {@code memory.current}).
     */
    public boolean atRootOf(String controller) {
        Optional<Entry> e = v1(controller);
        if (e.isEmpty() && entries.stream().allMatch(Entry::unified)) e = unified();
        return e.map(x -> x.path().equals("/")).orElse(false);
    }

    public static CgroupMembership parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (a <= 0 || b < 0) throw new ProcParseException("cgroup", "malformed line: " + Parse.abbreviate(line));
            int id = Parse.parseInt("cgroup", line.substring(0, a));
            if (id < 0) throw new ProcParseException("cgroup", "negative hierarchy id");
            String ctl = line.substring(a + 1, b);
            String path = line.substring(b + 1);
            if (!path.startsWith("/")) throw new ProcParseException("cgroup", "relative path " + Parse.abbreviate(path));
            entries.add(new Entry(id, ctl.isEmpty() ? List.of() : Arrays.asList(ctl.split(",")), path));
        }
        return new CgroupMembership(entries);
    }

    public static Readout<CgroupMembership> read(Path procRoot, int pid) {
        return ProcFiles.readString(procRoot.resolve(Integer.toString(pid)).resolve("cgroup")).map(CgroupMembership::parse);
    }
}

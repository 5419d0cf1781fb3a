package dev.procward.probes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every process of a root at one moment, in ascending pid order.
 *
 * @param system    host facts read from the same root
 * @param processes the processes that existed when their first file was read
 * @param vanished  pids listed in the root that were gone before any file could be read
 */
public record ProcessTable(SystemInfo system, List<ProcessSnapshot> processes, int vanished) {
    public ProcessTable {
        processes = List.copyOf(processes);
    }

    public Map<Integer, ProcessSnapshot> byPid() {
        Map<Integer, ProcessSnapshot> m = HashMap.newHashMap(processes.size());
        for (ProcessSnapshot p : processes) m.put(p.pid(), p);
        return m;
    }
}

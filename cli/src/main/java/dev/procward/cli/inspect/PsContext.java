package dev.procward.cli.inspect;

import dev.procward.probes.IdNames;
import dev.procward.probes.SystemInfo;

import java.time.ZoneId;
import java.util.Map;

/**
 * What columns need besides the row: the host facts, user names, and %cpu measured over an
 * interval (keyed by pid, or tid under -L), empty for lifetime averages.
 */
public record PsContext(SystemInfo system, IdNames users, Map<Integer, Double> intervalCpu, ZoneId zone) {}

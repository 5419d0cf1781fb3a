package dev.procward.cli.inspect;

import dev.procward.probes.Field;
import dev.procward.probes.ProcStat;
import dev.procward.probes.Procps;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of {@code procward ps}: procps's names, headers and formats. {@link #value} is the
 * typed value used for JSON and sorting (null for a gap); {@link #text} is the table cell.
 */
public enum PsColumn {
    PID("pid", "PID", true, EnumSet.noneOf(Field.class)) {
        public Object value(PsContext c, PsRow r) { return r.process().pid(); }
    },
    LWP("lwp", "LWP", true, EnumSet.noneOf(Field.class)) {
        public Object value(PsContext c, PsRow r) { return r.id(); }
    },
    PPID("ppid", "PPID", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : r.stat().ppid(); }
    },
    PGID("pgid", "PGID", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : r.stat().pgrp(); }
    },
    SID("sid", "SID", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : r.stat().session(); }
    },
    TTY("tty", "TT", false, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : Procps.ttyName(r.stat().ttyNr()); }
    },
    TPGID("tpgid", "TPGID", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : r.stat().tpgid(); }
    },
    USER("user", "USER", false, EnumSet.of(Field.STATUS)) {
        public Object value(PsContext c, PsRow r) {
            return r.status() == null ? null : c.users().name(r.status().uids().effective());
        }
    },
    UID("uid", "UID", true, EnumSet.of(Field.STATUS)) {
        public Object value(PsContext c, PsRow r) { return r.status() == null ? null : r.status().uids().effective(); }
    },
    STAT("stat", "STAT", false, EnumSet.of(Field.STAT, Field.STATUS)) {
        public Object value(PsContext c, PsRow r) {
            ProcStat s = r.stat();
            if (s == null) return null;
            var ps = r.process().status();
            long locked = ps == null ? -1 : ps.vmLck();
            int threads = r.process().stat() != null ? r.process().stat().numThreads() : s.numThreads();
            return Procps.statFlags(s, r.process().pid(), locked, threads);
        }
    },
    STATE("s", "S", false, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : String.valueOf(r.stat().state()); }
    },
    NLWP("nlwp", "NLWP", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            return r.process().stat() == null ? null : r.process().stat().numThreads();
        }
    },
    NI("ni", "NI", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) { return r.stat() == null ? null : r.stat().nice(); }
    },
    PCPU("%cpu", "%CPU", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            if (r.stat() == null) return null;
            if (!c.intervalCpu().isEmpty()) return round1(c.intervalCpu().getOrDefault(r.id(), 0.0));
            return round1(Procps.cpuPercent(r.stat(), c.system()));
        }
    },
    PMEM("%mem", "%MEM", true, EnumSet.of(Field.STAT, Field.STATUS)) {
        public Object value(PsContext c, PsRow r) {
            long rss = Procps.rssKb(r.process().stat(), r.process().status(), c.system());
            return rss < 0 ? null : round1(Procps.memPercent(rss, c.system()));
        }
    },
    VSZ("vsz", "VSZ", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            return r.process().stat() == null ? null : r.process().stat().vsize() / 1024;
        }
    },
    RSS("rss", "RSS", true, EnumSet.of(Field.STAT, Field.STATUS)) {
        public Object value(PsContext c, PsRow r) {
            long rss = Procps.rssKb(r.process().stat(), r.process().status(), c.system());
            return rss < 0 ? null : rss;
        }
    },
    PSS("pss", "PSS", true, EnumSet.of(Field.SMAPS_ROLLUP)) {
        public Object value(PsContext c, PsRow r) { return r.process().memory() == null ? null : r.process().memory().pss(); }
    },
    START("start", "STARTED", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            return r.stat() == null ? null : Instant.ofEpochMilli(c.system().startMillis(r.stat().startTime())).toString();
        }

        public String text(PsContext c, PsRow r) {
            if (r.stat() == null) return GAP;
            long start = c.system().startMillis(r.stat().startTime());
            var t = LocalDateTime.ofInstant(Instant.ofEpochMilli(start), c.zone());
            // procps: the time of day within the last 24 hours, the date before that.
            if (c.system().nowMillis() - start < 24 * 3600_000L) {
                return String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            }
            return String.format(Locale.ROOT, "%s %02d",
                    t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH), t.getDayOfMonth());
        }
    },
    TIME("time", "TIME", true, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            return r.stat() == null ? null : r.stat().cpuTicks() / c.system().clockTicks();
        }

        public String text(PsContext c, PsRow r) {
            Object v = value(c, r);
            if (v == null) return GAP;
            long s = (Long) v;
            long days = s / 86400;
            String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", (s / 3600) % 24, (s / 60) % 60, s % 60);
            return days > 0 ? days + "-" + hms : hms;
        }
    },
    WCHAN("wchan", "WCHAN", false, EnumSet.of(Field.WCHAN, Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            String w = r.wchan();
            if (w == null) return null;
            boolean running = r.stat() != null && (r.stat().state() == 'R' || r.stat().state() == 'Z');
            return w.isEmpty() || w.equals("0") || running ? "-" : w;
        }
    },
    COMM("comm", "COMMAND", false, EnumSet.of(Field.STAT)) {
        public Object value(PsContext c, PsRow r) {
            return r.thread() != null ? r.thread().comm() : r.process().comm();
        }
    },
    ARGS("args", "COMMAND", false, EnumSet.of(Field.STAT, Field.CMDLINE)) {
        public Object value(PsContext c, PsRow r) {
            return Procps.args(r.process().comm(), r.process().cmdline(), r.process().state());
        }
    };

    static final String GAP = "-";

    private final String key;
    private final String header;
    private final boolean numeric;
    private final Set<Field> fields;

    PsColumn(String key, String header, boolean numeric, Set<Field> fields) {
        this.key = key;
        this.header = header;
        this.numeric = numeric;
        this.fields = fields;
    }

    /** The typed value: Integer, Long, Double or String; null when the data is a gap. */
    public abstract Object value(PsContext c, PsRow r);

    /** The table cell. */
    public String text(PsContext c, PsRow r) {
        Object v = value(c, r);
        return v == null ? GAP : v.toString();
    }

    public String key() { return key; }
    /** The JSON member name: the key, with "%" spelled "p" ("pcpu", "pmem"). */
    public String jsonKey() { return key.startsWith("%") ? "p" + key.substring(1) : key; }
    public String header() { return header; }
    public boolean numeric() { return numeric; }
    public Set<Field> fields() { return fields; }

    /** Resolves a procps column name or alias ("pcpu", "cmd", "ucmd", "tt", "user" …). */
    public static PsColumn byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "pcpu", "c" -> PCPU;
            case "pmem" -> PMEM;
            case "cmd", "command" -> ARGS;
            case "ucmd", "ucomm" -> COMM;
            case "tt", "tname" -> TTY;
            case "euid" -> UID;
            case "euser", "uname" -> USER;
            case "thcount" -> NLWP;
            case "nice" -> NI;
            case "tid", "spid" -> LWP;
            case "sess", "session" -> SID;
            case "pgrp" -> PGID;
            case "state" -> STATE;
            case "rssize", "rsz" -> RSS;
            case "vsize" -> VSZ;
            case "stime", "start_time", "lstart" -> START;
            case "cputime" -> TIME;
            default -> {
                for (PsColumn c : values()) if (c.key.equals(n)) yield c;
                yield null;
            }
        };
    }

    /** Parses a comma- or space-separated column list ({@code -o}); unknown names are listed. */
    public static List<PsColumn> parseList(List<String> specs, List<String> unknown) {
        List<PsColumn> out = new ArrayList<>();
        for (String spec : specs) {
            for (String name : spec.split("[,\\s]+")) {
                if (name.isBlank()) continue;
                PsColumn c = byName(name);
                if (c == null) unknown.add(name);
                else out.add(c);
            }
        }
        return out;
    }

    /** One decimal, truncated as procps truncates (integer per-mille arithmetic). */
    private static Double round1(double v) {
        return Math.floor(v * 10 + 1e-9) / 10.0;
    }
}

package dev.procward.probes.diag;

import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which processes a {@code procward signal} reaches, chosen from a snapshot taken with STAT and
 * CMDLINE. Each target keeps its start time so the sender can prove, after opening a pidfd, that
 * the pid still names the same process.
 */
public final class SignalTargets {
    private SignalTargets() {}

    /** How the user named the targets. */
    public sealed interface Selector {
        record Pid(int pid) implements Selector {}

        record ProcessGroup(int pgid) implements Selector {}

        record Session(int sid) implements Selector {}

        /** pgrep-style: a regular expression searched in comm, or in the whole command line with {@code fullCmdline}. */
        record Matching(Pattern pattern, boolean fullCmdline) implements Selector {}
    }

    /**
     * @param startTime stat starttime (clock ticks after boot): with the pid, the identity of the process
     */
    public record Target(int pid, String comm, String cmdline, char state, long startTime) {}

    /** The targets, ascending by pid; {@code exclude} (our own pid) is never one. */
    public static List<Target> resolve(ProcessTable table, Selector selector, int exclude) {
        List<Target> out = new ArrayList<>();
        for (ProcessSnapshot p : table.processes()) {
            if (p.stat() == null || p.pid() == exclude) continue;
            boolean match = switch (selector) {
                case Selector.Pid s -> p.pid() == s.pid();
                case Selector.ProcessGroup s -> p.stat().pgrp() == s.pgid();
                case Selector.Session s -> p.stat().session() == s.sid();
                case Selector.Matching s -> !p.stat().kernelThread() && s.pattern().matcher(
                        s.fullCmdline() && p.cmdline() != null && !p.cmdline().isEmpty() ? p.cmdline().joined() : p.comm()).find();
            };
            if (match) {
                out.add(new Target(p.pid(), p.comm(), p.cmdline() == null ? "" : p.cmdline().joined(), p.state(),
                        p.stat().startTime()));
            }
        }
        return out;
    }
}

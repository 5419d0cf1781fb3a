package dev.procward.probes.diag;

/**
 * One result of a health check.
 *
 * @param check    stable id of the check: pid1, zombies, dstate, pids, fds, memory, oom-risk,
 *                 cgroup-memory, load, oom-kills
 * @param severity how much it matters
 * @param summary  what was found, one line
 * @param remedy   what to do, one line; empty when nothing is needed
 */
public record Finding(String check, Severity severity, String summary, String remedy) {}

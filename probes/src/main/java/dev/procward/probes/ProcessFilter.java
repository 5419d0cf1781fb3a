package dev.procward.probes;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Which processes a listing keeps, pgrep-style. Every criterion left null or empty accepts all.
 *
 * @param pids       keep only these pids
 * @param euids      keep processes whose effective uid is one of these
 * @param states     keep processes in one of these one-letter states (D, Z, R …)
 * @param pattern    a regular expression searched (not anchored) in comm, or in the command line
 *                   when {@code matchArgs} is set
 * @param matchArgs  match the pattern against the full command line ({@code pgrep -f})
 */
public record ProcessFilter(Set<Integer> pids, Set<Integer> euids, Set<Character> states, Pattern pattern,
                            boolean matchArgs) {
    public static final ProcessFilter ALL = new ProcessFilter(Set.of(), Set.of(), Set.of(), null, false);

    public ProcessFilter {
        pids = pids == null ? Set.of() : Set.copyOf(pids);
        euids = euids == null ? Set.of() : Set.copyOf(euids);
        states = states == null ? Set.of() : Set.copyOf(states);
    }

    /** The files the filter itself needs, to add to what the columns need. */
    public Set<Field> fields() {
        Set<Field> f = EnumSet.noneOf(Field.class);
        if (!states.isEmpty() || (pattern != null && !matchArgs)) f.add(Field.STAT);
        if (!euids.isEmpty()) f.add(Field.STATUS);
        if (pattern != null && matchArgs) {
            f.add(Field.CMDLINE);
            f.add(Field.STAT);
        }
        return f;
    }

    /** The cheap part of the filter, applied to pid directory names before any file is opened. */
    public IntPredicate pidPredicate() {
        return pids.isEmpty() ? pid -> true : pids::contains;
    }

    public boolean test(ProcessSnapshot p) {
        if (!pids.isEmpty() && !pids.contains(p.pid())) return false;
        if (!states.isEmpty() && !states.contains(p.state())) return false;
        if (!euids.isEmpty() && !euids.contains(p.euid())) return false;
        if (pattern != null) {
            String subject = matchArgs
                    ? Procps.args(p.comm(), p.cmdline(), ' ')
                    : p.comm();
            if (!pattern.matcher(subject).find()) return false;
        }
        return true;
    }
}

package dev.procward.cli;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. Missing, it skips the test on a developer's machine and
 * fails it under {@code CI=true}, where .ci/run installs everything and a skip would hide a hole.
 */
public final class Prerequisite {

    private Prerequisite() {}

    public static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Passes when {@code present}; else fails under CI and skips elsewhere, saying what is missing. */
    public static void require(boolean present, String what) {
        if (present) return;
        if (onCi()) Assertions.fail(what + " (required under CI=true)");
        Assumptions.abort(what);
    }
}

package dev.procward.probes.diag;

/** How much a finding matters, in increasing order. */
public enum Severity {
    /** Checked and healthy. */
    OK,
    /** Worth knowing, nothing to do. */
    INFO,
    /** Will hurt if it grows: act soon. */
    WARNING,
    /** Hurting now, or about to: act now. */
    CRITICAL;

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

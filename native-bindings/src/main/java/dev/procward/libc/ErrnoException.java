package dev.procward.libc;

/**
 * The one failure type of every binding: a call returned an error and the kernel said why.
 *
 * <p>Unchecked, because almost every caller either lets it propagate or matches one or two
 * expected errors ({@code if (e.is(Errno.ESRCH))}); a checked type would force empty
 * boilerplate at every call site. The message reads like
 * {@code posix_spawnp(/nope): ENOENT (No such file or directory)}: the call with the argument
 * that matters, then the symbolic name, then glibc's text.
 */
public final class ErrnoException extends RuntimeException {

    private final int number;
    private final String call;

    /**
     * @param call   the failed call with its telling argument, e.g. {@code kill(1234, SIGTERM)}
     * @param number the errno value (positive)
     */
    public ErrnoException(String call, int number) {
        super(call + ": " + Errno.nameOf(number) + " (" + Errno.messageOf(number) + ")");
        this.number = number;
        this.call = call;
    }

    /** The errno value, e.g. 2. */
    public int number() {
        return number;
    }

    /** The error, or {@code null} for a number Linux does not define. */
    public Errno errno() {
        return Errno.ofNumber(number);
    }

    /** The symbolic name, e.g. "ENOENT". */
    public String errnoName() {
        return Errno.nameOf(number);
    }

    /** The failed call and its telling argument, e.g. "posix_spawnp(/nope)". */
    public String call() {
        return call;
    }

    /** True when the failure is {@code errno}. */
    public boolean is(Errno errno) {
        return errno.number() == number;
    }
}

package dev.procward.supervisor;

/** A kernel call through the {@link Kernel} port failed; carries errno's symbolic name. */
public class KernelException extends Exception {
    private final String errnoName;

    public KernelException(String errnoName, String message) {
        super(message);
        this.errnoName = errnoName;
    }

    public String errnoName() {
        return errnoName;
    }
}

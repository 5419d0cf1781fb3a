package dev.procward.simulator;

import dev.procward.supervisor.KernelException;

/** A simulated system call failed with an errno, named as in errno.h. */
public final class SimErrno extends KernelException {
    public SimErrno(String errnoName, String message) {
        super(errnoName, errnoName + ": " + message);
    }
}

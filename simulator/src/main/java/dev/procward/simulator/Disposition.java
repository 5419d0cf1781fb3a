package dev.procward.simulator;

/** A signal's handler as set by sigaction: the default action, SIG_IGN, or a user handler. */
public enum Disposition { DEFAULT, IGNORE, CATCH }

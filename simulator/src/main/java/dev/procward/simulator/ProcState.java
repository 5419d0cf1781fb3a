package dev.procward.simulator;

/** Task states with the letter /proc/PID/stat shows for each. */
public enum ProcState {
    RUNNING('R'), SLEEPING('S'), DISK_SLEEP('D'), STOPPED('T'), ZOMBIE('Z'), DEAD('X');

    private final char letter;

    ProcState(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    /** The long form /proc/PID/status prints after the letter. */
    public String statusName() {
        return switch (this) {
            case RUNNING -> "running";
            case SLEEPING -> "sleeping";
            case DISK_SLEEP -> "disk sleep";
            case STOPPED -> "stopped";
            case ZOMBIE -> "zombie";
            case DEAD -> "dead";
        };
    }
}

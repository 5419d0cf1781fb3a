package dev.procward.supervisor;

/** strerror's text for the errors an exec can report, so messages read like the C inits'. */
final class Errnos {
    private Errnos() {}

    static String describe(String errnoName, String fallback) {
        return switch (errnoName) {
            case "ENOENT" -> "No such file or directory";
            case "EACCES" -> "Permission denied";
            case "ENOEXEC" -> "Exec format error";
            case "E2BIG" -> "Argument list too long";
            case "ENOMEM" -> "Cannot allocate memory";
            case "ETXTBSY" -> "Text file busy";
            case "ELOOP" -> "Too many levels of symbolic links";
            case "ENOTDIR" -> "Not a directory";
            case "EPERM" -> "Operation not permitted";
            default -> fallback == null || fallback.isBlank() ? errnoName : fallback;
        };
    }
}

package dev.procward.libc;

import java.util.List;

/**
 * Runs in a child JVM: becomes a session leader with setsid, then execve's a shell in place of
 * the JVM. The shell reports its pid and session, which must be the JVM's: same process, new image.
 */
public final class ExecProbe {

    public static void main(String[] args) {
        int sid = Processes.setsid();
        System.out.println("jvm-pid=" + Processes.pid());
        System.out.println("jvm-sid=" + sid);
        System.out.flush();
        Exec.execve("/bin/sh", List.of("sh", "-c", "echo exec-pid=$$; echo exec-sid=$(cut -d' ' -f6 /proc/$$/stat)"),
                List.of("PATH=/usr/bin:/bin"));
    }
}

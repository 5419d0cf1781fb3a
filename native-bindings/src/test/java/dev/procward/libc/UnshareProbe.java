package dev.procward.libc;

/**
 * Runs in a child JVM (unshare(CLONE_NEWPID) cannot be undone): moves its future children into a
 * new PID namespace, spawns {@code sh -c 'echo $$'}, and prints what the child saw as its pid and
 * the pid we see for it, for {@link NamespacesTest}.
 */
public final class UnshareProbe {

    public static void main(String[] args) {
        int before = Processes.pid();
        Namespaces.unshare(Namespaces.CLONE_NEWPID);
        Children.Run run = Children.run(out -> Spawn.command("sh", "-c", "echo $$").dup2(out, 1));
        System.out.println("inner=" + run.stdout().strip());
        System.out.println("outer=" + run.status().pid());
        System.out.println("self-unchanged=" + (Processes.pid() == before));
        System.exit(0);
    }
}

package dev.procward.probes.spawn;

/** The benchmarking JVM as a parent: the FFM rows. Filled in once native-bindings lands. */
public final class InProcessHost implements SpawnHost {
    private InProcessHost() {}

    public static InProcessHost open(ParentSize size) {
        throw new SpawnLabException("the FFM rows need native-bindings' posix_spawn and clone, not merged yet");
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public long[] spawn(Method method, Target target, int count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int unreapedChildren() {
        return 0;
    }

    @Override
    public void close() {}
}

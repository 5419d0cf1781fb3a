package dev.procward.cli.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What runs as PID 1 of a scenario's container, in front of the application. */
enum Anchor {
    /** The image's own ENTRYPOINT, {@code procward init --}; with init flags, the same launcher. */
    PROCWARD("/opt/procward/runtime/bin/java") {
        @Override
        Launch launch(List<String> initFlags, List<String> app) {
            if (initFlags.isEmpty()) {
                return new Launch(Optional.empty(), app);
            }
            return new Launch(Optional.of(wrap(List.of("/opt/procward/bin/procward", "init"), initFlags)), app);
        }
    },
    /** Debian's tini, copied into the same image: the reference behaviour. */
    TINI("/usr/bin/tini") {
        @Override
        Launch launch(List<String> initFlags, List<String> app) {
            return new Launch(Optional.of(wrap(List.of(Requirements.TINI.toString()), initFlags)), app);
        }
    },
    /** No init: the application itself is PID 1. The control that shows what an init is for. */
    NONE("") {
        @Override
        Launch launch(List<String> initFlags, List<String> app) {
            if (!initFlags.isEmpty()) {
                throw new IllegalArgumentException("without an init there are no init flags");
            }
            return new Launch(Optional.of(app.subList(0, 1)), app.subList(1, app.size()));
        }
    };

    /** A container's entrypoint (empty: the image's own) and command. */
    record Launch(Optional<List<String>> entrypoint, List<String> command) {}

    private final String executable;

    Anchor(String executable) {
        this.executable = executable;
    }

    /** The inits held to the same behaviour. */
    static Stream<Anchor> inits() {
        return Stream.of(PROCWARD, TINI);
    }

    abstract Launch launch(List<String> initFlags, List<String> app);

    /** The file /proc/1/exe points to when this anchor is PID 1. */
    String executable() {
        return executable;
    }

    private static List<String> wrap(List<String> init, List<String> flags) {
        List<String> entrypoint = new ArrayList<>(init);
        entrypoint.addAll(flags);
        entrypoint.add("--");
        return entrypoint;
    }
}

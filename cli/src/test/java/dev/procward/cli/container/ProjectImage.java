package dev.procward.cli.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The image of the project's own Dockerfile, built once per test run and removed at its end.
 * Every image and container of a run carries {@link #LABEL} and the run's id, so nothing of
 * another run (or another engineer's) is ever touched.
 *
 * <p>Base images: {@code PROCWARD_BUILD_IMAGE} / {@code PROCWARD_RUNTIME_IMAGE} when set; else
 * the local stand-ins of {@code .ci/prepare.d/20-container-base-images} when present; else the
 * Dockerfile's public defaults (which need a registry).
 */
record ProjectImage(String tag, String runtimeBase, String runId) implements AutoCloseable {
    static final String LABEL = "dev.procward.test";
    static final String RUN_LABEL = "dev.procward.test.run";
    static final String LOCAL_BUILD_BASE = "procward-local/temurin:25-jdk";
    static final String LOCAL_RUNTIME_BASE = "procward-local/bookworm-slim:latest";
    static final String DEFAULT_RUNTIME_BASE = "debian:bookworm-slim";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    static ProjectImage build() {
        Path root = ProjectLayout.root();
        Path jar = root.resolve("cli/target/procward.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the container tests run after `package` (./mvnw verify)");
        }
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Optional<String> runtimeBase = baseImage("PROCWARD_RUNTIME_IMAGE", LOCAL_RUNTIME_BASE);
        var image = new ProjectImage("procward-it:" + runId, runtimeBase.orElse(DEFAULT_RUNTIME_BASE), runId);
        List<String> args = new ArrayList<>(List.of("build", "--force-rm", "--label", LABEL + "=container-it",
                "--label", RUN_LABEL + "=" + runId));
        baseImage("PROCWARD_BUILD_IMAGE", LOCAL_BUILD_BASE)
                .ifPresent(base -> args.addAll(List.of("--build-arg", "BUILD_IMAGE=" + base)));
        runtimeBase.ifPresent(base -> args.addAll(List.of("--build-arg", "RUNTIME_IMAGE=" + base)));
        // The build stage gets a tag of its own, so that close() removes it too: else it would stay
        // behind as an untagged image of some hundred MB after every run.
        build(root, args, "build-stage", "--target", "build", "-t", image.buildStageTag());
        build(root, args, "image", "-t", image.tag());
        return image;
    }

    private static void build(Path root, List<String> common, String what, String... specific) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(specific));
        args.add(root.toString());
        Path log = root.resolve("cli/target/container-it/" + what + ".log");
        DockerCli.run(BUILD_TIMEOUT, log, args.toArray(String[]::new)).orFail("docker " + String.join(" ", args));
    }

    String buildStageTag() {
        return tag.replace("procward-it:", "procward-it-build:");
    }

    private static Optional<String> baseImage(String variable, String localStandIn) {
        String chosen = System.getenv(variable);
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(chosen);
        }
        return DockerCli.imageExists(localStandIn) ? Optional.of(localStandIn) : Optional.empty();
    }

    /** Removes every container of this run, then the image (with the build's intermediate layers). */
    @Override
    public void close() {
        String ids = DockerCli.run(Duration.ofMinutes(1), null, "ps", "-aq", "--filter", "label=" + RUN_LABEL + "=" + runId).output().trim();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(ids.lines().toList());
            DockerCli.run(Duration.ofMinutes(1), null, rm.toArray(String[]::new));
        }
        Path log = ProjectLayout.root().resolve("cli/target/container-it/cleanup.log");
        DockerCli.run(Duration.ofMinutes(2), log, "rmi", "-f", tag, buildStageTag()).orFail("docker rmi " + tag);
    }
}

package dev.procward.cli.container;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the container tests need from the machine. A developer without it sees the tests skipped;
 * under CI ({@code CI=true}) a missing piece is a failure, because CI must prove the container.
 */
final class Requirements {
    static final Path TINI = Path.of("/usr/bin/tini");
    private static final String API_VERSION = "api.version";

    private Requirements() {}

    /** Docker's absence is found once per run; every test then reports it (skipped or failed). */
    private static Optional<String> dockerProblem;

    static synchronized void requireDocker() {
        if (dockerProblem == null) {
            dockerProblem = findDockerProblem();
        }
        dockerProblem.ifPresent(problem -> require(false, problem));
    }

    private static Optional<String> findDockerProblem() {
        if (!DockerCli.installed()) {
            return Optional.of("the docker command is not installed");
        }
        // Testcontainers reads these from the environment only (cli's failsafe sets them). Without
        // them it pulls images that cannot be pulled here and hangs for minutes before failing.
        if (!"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            return Optional.of("TESTCONTAINERS_RYUK_DISABLED=true is not in the environment (run through failsafe)");
        }
        if (System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null && Files.exists(Path.of("/.dockerenv"))) {
            return Optional.of("TESTCONTAINERS_HOST_OVERRIDE is not in the environment, inside a container (run through failsafe)");
        }
        negotiateApiVersion();
        try {
            DockerClientFactory.instance().client();
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("no Docker engine answers (" + e.getMessage() + "; start one, e.g. .ci/start-dockerd)");
        }
    }

    /**
     * Testcontainers 2.0 speaks Docker API 1.44 unless told otherwise, which Debian's engine
     * (20.10, API 1.41) refuses. The docker command negotiates; its answer tells docker-java which
     * version to speak, before Testcontainers makes its client.
     */
    private static void negotiateApiVersion() {
        if (System.getProperty(API_VERSION) != null) {
            return;
        }
        var answer = DockerCli.run(Duration.ofSeconds(30), null, "version", "--format", "{{.Server.APIVersion}}");
        String version = answer.output().strip();
        if (answer.exitCode() == 0 && version.matches("\\d+\\.\\d+")) {
            System.setProperty(API_VERSION, version);
        }
    }

    /** Debian's tini is the anchor every scenario is compared against. */
    static void requireTini() {
        require(Files.isExecutable(TINI), TINI + " is missing (apt-get install tini)");
    }

    private static void require(boolean met, String missing) {
        if (met) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true and " + missing + ": the container tests must run in CI");
        }
        Assumptions.abort("container tests skipped: " + missing);
    }
}

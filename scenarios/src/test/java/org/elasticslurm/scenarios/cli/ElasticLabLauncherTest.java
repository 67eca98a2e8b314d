package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.conf.FileMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./elastic-lab} launcher, run by bash from a copy of the repository layout whose
 * {@code mvn} and {@code java} are stand-ins on PATH (the launcher's own logic: when it builds, and how often).
 */
class ElasticLabLauncherTest {
    private static final Path LAUNCHER = Path.of("..", "elastic-lab").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path bin;

    private void layout() throws IOException {
        Files.copy(LAUNCHER, root.resolve("elastic-lab"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(root.resolve("scenarios/src/main"));
        Files.writeString(root.resolve("scenarios/src/main/Changed.java"), "class Changed {}\n");
        bin = Files.createDirectories(root.resolve("bin"));
        // a build that takes a second, then leaves the jar and the class path file the launcher runs
        script("mvn", """
                #!/bin/bash
                echo build >> '%1$s/builds'
                sleep 1
                mkdir -p '%1$s/scenarios/target'
                printf '%%s' '%1$s' > '%1$s/scenarios/target/classpath.txt'
                : > '%1$s/scenarios/target/scenarios-0.1.0-SNAPSHOT.jar'
                """.formatted(root));
        script("java", "#!/bin/bash\necho run >> '" + root + "/runs'\n");
    }

    private void script(String name, String text) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, FileMode.permissions(0755));
    }

    private Process launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", root.resolve("elastic-lab").toString(), "replay", "level0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        return pb.start();
    }

    @Test
    void twoCommandsStartedTogetherAfterASourceChangeBuildOnceAndBothRun() throws Exception {
        layout();

        List<Process> commands = new ArrayList<>(List.of(launch(), launch()));
        for (Process p : commands) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
            assertThat(p.exitValue()).isZero();
        }

        assertThat(Files.readAllLines(root.resolve("builds"))).hasSize(1);
        assertThat(Files.readAllLines(root.resolve("runs"))).hasSize(2);
    }
}

package org.elasticslurm.scenarios.target.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FailedRunFiles} on temporary directories, alone and as the qemu target wires it: a step of the lab's
 * {@link LabTeardown} for failed runs, done just before the lab directory is removed.
 */
class FailedRunFilesTest {
    private static final List<String> KEPT = List.of("consoles", "log", "slurm.conf", "provisioner/operations.jsonl");

    @TempDir
    Path tmp;

    private Path lab;
    private Path failed;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();

    @BeforeEach
    void aLabWithConsolesAndLogs() throws IOException {
        lab = Files.createDirectories(tmp.resolve("eslq-123"));
        Files.createDirectories(lab.resolve("consoles"));
        Files.writeString(lab.resolve("consoles/eq1-node1.console.log"), "node1 login:\n");
        Files.writeString(lab.resolve("consoles/eq1-node2.console.log"), "Kernel panic\n");
        Files.createDirectories(lab.resolve("log"));
        Files.writeString(lab.resolve("log/slurmctld.log"), "error: Nodes node2 not responding\n");
        Files.writeString(lab.resolve("slurm.conf"), "NodeName=node[1-2] State=CLOUD\n");
        Files.createDirectories(lab.resolve("state"));
        Files.writeString(lab.resolve("state/node_state"), "binary");
        failed = tmp.resolve("elastic-lab-failed");
    }

    private FailedRunFiles files(Path destination) {
        return new FailedRunFiles("level2 on qemu", lab, KEPT, destination,
                new PrintStream(said, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }

    /** The qemu target's teardown: the lab directory removed last, the failed run's files kept just before. */
    private LabTeardown teardown(FailedRunFiles files) {
        LabTeardown teardown = new LabTeardown("level2 on qemu");
        teardown.add(() -> LabFiles.remove(lab, false));
        teardown.addOnFailure(files);
        return teardown;
    }

    @Test
    void aFailedRunCopiesItsConsolesAndLogsAndNamesTheDirectory() throws IOException {
        Path run = FailedRunFiles.destination(failed, "level2", "eq1");

        files(run).close();

        assertThat(run).isEqualTo(failed.resolve("level2-eq1"));
        assertThat(run.resolve("consoles/eq1-node2.console.log")).hasContent("Kernel panic");
        assertThat(run.resolve("consoles/eq1-node1.console.log")).hasContent("node1 login:");
        assertThat(run.resolve("log/slurmctld.log")).hasContent("error: Nodes node2 not responding");
        assertThat(run.resolve("slurm.conf")).exists();
        assertThat(run.resolve("state")).doesNotExist();
        assertThat(run.resolve("provisioner")).as("absent in the lab: skipped").doesNotExist();
        assertThat(said()).isEqualTo("elastic-lab: level2 on qemu did not pass: its consoles and logs are kept in "
                + run + System.lineSeparator());
    }

    @Test
    void aRunWithNothingToKeepMakesNoDirectoryAndSaysNothing() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("eslq-empty"));
        Path run = failed.resolve("level2-eq2");

        new FailedRunFiles("level2 on qemu", empty, KEPT, run, new PrintStream(said, true, StandardCharsets.UTF_8))
                .close();

        assertThat(run).doesNotExist();
        assertThat(said()).isEmpty();
    }

    @Test
    void aScenarioNameIsMadeSafeForTheDirectoryName() {
        assertThat(FailedRunFiles.destination(failed, "hosts/two hypervisors", "eq3"))
                .isEqualTo(failed.resolve("hosts_two_hypervisors-eq3"));
    }

    @Test
    void theBaseIsInTheTemporaryDirectoryUnlessThePropertyNamesOne() {
        Properties properties = new Properties();
        properties.setProperty("java.io.tmpdir", "/var/tmp");
        assertThat(FailedRunFiles.base(properties)).isEqualTo(Path.of("/var/tmp/elastic-lab-failed"));

        properties.setProperty(FailedRunFiles.DIRECTORY_PROPERTY, failed.toString());
        assertThat(FailedRunFiles.base(properties)).isEqualTo(failed);
    }

    @Test
    void aLabWhoseRunDidNotPassKeepsItsFilesBeforeItsDirectoryIsRemoved() {
        Path run = failed.resolve("level2-eq4");

        teardown(files(run)).close();

        assertThat(lab).doesNotExist();
        assertThat(run.resolve("consoles/eq1-node2.console.log")).hasContent("Kernel panic");
        assertThat(said()).contains("kept in " + run);
    }

    @Test
    void aLabWhoseRunPassedKeepsNothing() {
        Path run = failed.resolve("level2-eq5");
        LabTeardown teardown = teardown(files(run));

        teardown.runPassed();
        teardown.close();

        assertThat(lab).doesNotExist();
        assertThat(failed).doesNotExist();
        assertThat(said()).isEmpty();
    }
}

package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The packaged service refuses to start on bad configuration and says why. Each test starts a service of its own
 * in a directory of its own, so they run side by side, as many at once as CPU slots are free.
 */
@CpuCost(1) // the packaged service: a JVM start per test
@Execution(ExecutionMode.CONCURRENT)
class StartupRefusalIT {
    @TempDir
    Path dir;

    private String start(String tokenMode, String... properties) throws Exception {
        return startOn(TestConf.CLOUD8, tokenMode, properties);
    }

    private String startOn(String slurmConf, String tokenMode, String... properties) throws Exception {
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, slurmConf);
        Path token = dir.resolve("token");
        Files.writeString(token, "abc\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString(tokenMode));
        List<String> cmd = new ArrayList<>(List.of(ServiceProcess.javaBinary(), "-Dquarkus.http.port=0",
                "-Dprovisioner.slurm-conf=" + conf, "-Dprovisioner.token-file=" + token,
                "-Dprovisioner.operation-log=" + dir.resolve("ops.jsonl")));
        for (String p : properties) {
            cmd.add("-D" + p);
        }
        cmd.addAll(List.of("-jar", ServiceProcess.RUN_JAR.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the service kept running:\n" + out);
        }
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }

    @Test
    void aTokenFileReadableByOthersStopsTheStart() throws Exception {
        assertThat(start("rw-r--r--")).contains("provisioner.token-file: " + dir.resolve("token")
                + " must not be accessible by group or others");
    }

    @Test
    void everyBadValueIsNamedWithItsKey() throws Exception {
        assertThat(start("rw-------", "provisioner.max-parallel=0", "provisioner.sim.failure-probability=2"))
                .contains("provisioner.max-parallel: must be at least 1 (0)")
                .contains("provisioner.sim.failure-probability: must be a probability between 0 and 1 (2.0)");
    }

    @Test
    void aPoolOfNodesThatAreNotCloudNodesStopsTheStart() throws Exception {
        assertThat(start("rw-------", "provisioner.pools.p.nodes=login1,test1"))
                .contains("provisioner.pools.p.nodes: must name State=CLOUD nodes of " + dir.resolve("slurm.conf")
                        + ", but these are not: login1");
    }

    @Test
    void aKeySlurm2411RemovedStopsTheStartWithThatVersionsMessage() throws Exception {
        assertThat(startOn(TestConf.CLOUD8 + "SlurmctldPlugstack=/etc/slurm/plugstack.conf\n", "rw-------",
                "provisioner.slurm-version=24.11"))
                .contains("provisioner.slurm-conf: ")
                .contains("Parsing error at unrecognized key: SlurmctldPlugstack (slurmctld 24.11 has no such key")
                .contains("[read with Slurm 24.11's rules (configured by provisioner.slurm-version)]");
    }

    @Test
    void aKeySlurm2205DoesNotKnowStopsTheStartWhenTheVersionIs2205() throws Exception {
        assertThat(startOn(TestConf.CLOUD8 + "SuspendExcStates=down,drain\n", "rw-------",
                "provisioner.slurm-version=22.05"))
                .contains("Parsing error at unrecognized key: SuspendExcStates (slurmctld 22.05 has no such key")
                .contains("[read with Slurm 22.05's rules (configured by provisioner.slurm-version)]");
    }

    @Test
    void anUnknownSlurmVersionStopsTheStartListingTheKnownOnes() throws Exception {
        assertThat(start("rw-------", "provisioner.slurm-version=23.02"))
                .contains("provisioner.slurm-version: unknown Slurm version '23.02' (from provisioner.slurm-version);"
                        + " known versions: 22.05, 24.11, 26.05");
    }

    @Test
    void anUnknownBackendStopsTheStart() throws Exception {
        assertThat(start("rw-------", "provisioner.backend=openstack")).contains("provisioner.backend");
    }
}

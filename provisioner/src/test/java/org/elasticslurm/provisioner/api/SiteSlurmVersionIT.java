package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.testsupport.Requirement.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service reads the site's slurm.conf with the rules of the site's Slurm version. */
@CpuCost(1) // the packaged service: a JVM start per test
class SiteSlurmVersionIT {
    private static final String CONF_2411 = TestConf.CLOUD8 + "SuspendExcStates=down,drain\n";

    @TempDir
    Path dir;

    @Test
    void aSlurmConfWithAKeyAddedIn2411StartsTheServiceWhenTheVersionIs2411() throws Exception {
        try (ServiceProcess service = new ServiceProcess(dir, CONF_2411, List.of("test1"),
                Map.of("provisioner.slurm-version", "24.11"))) {
            assertThat(service.process().isAlive()).isTrue();
            assertThat(Files.readString(service.log)).contains("slurm.conf " + service.scontrol.slurmConf
                    + " is read with Slurm 24.11's rules (configured by provisioner.slurm-version)");
        }
    }

    @Test
    void theVersionOfTheReal2411ScontrolBesideTheServiceDecidesTheRules() throws Exception {
        require("root".equals(System.getProperty("user.name")), "needs root: chroot into the Slurm 24.11 root");
        Path scontrol = scontrolOfRoot(trixieRoot());
        try (ServiceProcess service = new ServiceProcess(dir, CONF_2411, List.of("test1"),
                Map.of("provisioner.slurm.scontrol", scontrol.toString()))) {
            assertThat(Files.readString(service.log)).contains("slurm.conf " + service.scontrol.slurmConf
                    + " is read with Slurm 24.11's rules (detected from " + scontrol + " --version)");
        }
    }

    /** The root of Debian 13's real Slurm 24.11 (built once by ci/slurm-root.sh, then reused). */
    private static Path trixieRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("../ci/slurm-root.sh", "trixie").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /**
     * The root's scontrol as the service runs it (argument vector, only SLURM_CONF set): chrooted, in a mount
     * namespace of its own where the root's /tmp is the directory of SLURM_CONF.
     */
    private Path scontrolOfRoot(Path root) throws IOException {
        Path wrapper = dir.resolve("scontrol-24.11");
        Files.writeString(wrapper, "#!/bin/sh\nexec /usr/bin/unshare -m /bin/sh -c '/bin/mount --bind"
                + " \"${SLURM_CONF%/*}\" \"$0/tmp\" && export SLURM_CONF=\"/tmp/${SLURM_CONF##*/}\""
                + " && exec /usr/sbin/chroot \"$0\" /usr/bin/scontrol \"$@\"' " + root + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }
}

package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HookProgramRules#verdict} against the real slurmctld 22.05 on the same slurm.conf and the same hook
 * files: the daemon's power-save log lines, in order, and whether it then accepts a POWER_DOWN request.
 */
@ExtendWith(RealSlurmctld.class)
class SlurmctldPowerSaveVerdictIT {

    private static final String OK = "rwxr-xr-x";
    private static final String MISSING = "missing";

    @TempDir
    Path lab;

    /**
     * @param name what is wrong
     * @param suspendMode mode of the SuspendProgram file (or MISSING)
     * @param resumeMode mode of the ResumeProgram file (or MISSING)
     * @param failMode mode of the ResumeFailProgram file (or MISSING)
     * @param keys the power-save keys, {@code $LAB} standing for the lab directory
     * @param partitionExtra appended to the partition line
     */
    record Setup(String name, String suspendMode, String resumeMode, String failMode, String keys,
                 String partitionExtra) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String ALL_PROGRAMS = "SuspendProgram=$LAB/hooks/suspend\nResumeProgram=$LAB/hooks/resume\n"
            + "ResumeFailProgram=$LAB/hooks/resumefail\n";

    static Stream<Arguments> setups() {
        return Stream.of(
                new Setup("valid hooks", OK, OK, OK, ALL_PROGRAMS + "SuspendTime=300\n", ""),
                new Setup("group-writable ResumeProgram", OK, "rwxrwxr-x", OK, ALL_PROGRAMS + "SuspendTime=300\n", ""),
                new Setup("world-writable ResumeProgram", OK, "rwxr-xrwx", OK, ALL_PROGRAMS + "SuspendTime=300\n", ""),
                new Setup("ResumeProgram without execute bits", OK, "rw-r--r--", OK,
                        ALL_PROGRAMS + "SuspendTime=300\n", ""),
                new Setup("missing ResumeProgram file", OK, MISSING, OK, ALL_PROGRAMS + "SuspendTime=300\n", ""),
                new Setup("group-writable SuspendProgram", "rwxrwxr-x", OK, OK, ALL_PROGRAMS + "SuspendTime=300\n", ""),
                new Setup("relative SuspendProgram", OK, OK, OK,
                        "SuspendProgram=hooks/suspend\nResumeProgram=$LAB/hooks/resume\nSuspendTime=300\n", ""),
                new Setup("no SuspendProgram", OK, OK, OK, "ResumeProgram=$LAB/hooks/resume\nSuspendTime=300\n", ""),
                new Setup("no ResumeProgram", OK, OK, OK, "SuspendProgram=$LAB/hooks/suspend\nSuspendTime=300\n", ""),
                new Setup("SuspendTime not set", OK, OK, OK, ALL_PROGRAMS, ""),
                new Setup("SuspendTime only on the partition", OK, OK, OK, ALL_PROGRAMS, " SuspendTime=300"),
                new Setup("world-writable ResumeFailProgram", OK, OK, "rwxr-xrwx", ALL_PROGRAMS + "SuspendTime=300\n", ""))
                .map(Arguments::of);
    }

    private void hook(String name, String mode) throws IOException {
        if (mode.equals(MISSING)) {
            return;
        }
        Path file = Files.createDirectories(lab.resolve("hooks")).resolve(name);
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void verdictMatchesTheRealDaemon(Setup setup) throws Exception {
        hook("suspend", setup.suspendMode());
        hook("resume", setup.resumeMode());
        hook("resumefail", setup.failMode());
        Path conf = lab.resolve("slurm.conf");
        Files.writeString(conf, RealSlurmctld.head(lab) + setup.keys().replace("$LAB", lab.toString())
                + "NodeName=node1 State=CLOUD CPUs=1 NodeAddr=127.0.0.1\n"
                + "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP"
                + setup.partitionExtra() + "\n");

        PowerSaveVerdict ours = new HookProgramRules().verdict(new SlurmConfParser().parse(conf));

        try (RealSlurmctld daemon = RealSlurmctld.start(lab, conf)) {
            List<String> realLines = daemon.logLines().stream()
                    .filter(l -> l.contains("power_save program") || l.contains("power_save module"))
                    .toList();
            assertThat(ours.logLines()).as(setup.name()).containsExactlyElementsOf(realLines);
            assertThat(ours.enabled()).as("power save enabled (%s)", setup.name())
                    .isEqualTo(daemon.acceptsPowerDown("node1"));
        }
    }
}

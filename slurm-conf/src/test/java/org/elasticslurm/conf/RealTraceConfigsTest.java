package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slurm.conf files under which the real slurmctld 22.05 recorded shared/traces (copied to test resources),
 * and the log lines it printed for them.
 */
class RealTraceConfigsTest {

    @TempDir
    Path lab;

    private static String resource(String name) throws IOException {
        try (InputStream in = RealTraceConfigsTest.class.getResourceAsStream("/traces/" + name)) {
            assertThat(in).as("test resource traces/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The {@code log} lines of a trace ({@code <seconds> log <text>}). */
    private static List<String> loggedLines(String trace) throws IOException {
        return resource(trace).lines().map(l -> l.split(" ", 3)).filter(p -> p.length == 3 && p[1].equals("log"))
                .map(p -> p[2]).toList();
    }

    private SlurmConf parseAsRecorded(String name) throws IOException {
        return new SlurmConfParser().parse(resource(name), lab.resolve(name));
    }

    @Test
    void level0ConfigParsesLiterallyWithoutWarnings() throws IOException {
        SlurmConf conf = parseAsRecorded("level0.slurm.conf");
        assertThat(conf.warnings()).isEmpty();
        assertThat(conf.parameter("SlurmctldHost")).contains("$HOST(127.0.0.1)");
        assertThat(conf.parameter("StateSaveLocation")).contains("$LAB/state");
        assertThat(conf.parameter("SlurmctldPort")).contains("16817");
        assertThat(conf.parameter("SlurmUser")).contains("root");
        PowerSaveSettings ps = conf.powerSave();
        assertThat(ps.suspendProgram()).contains("$LAB/hooks/suspend");
        assertThat(ps.suspendTime()).isEqualTo(TimeoutValue.of(Duration.ofSeconds(15)));
        assertThat(ps.suspendTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ps.resumeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ps.treeWidth()).isEqualTo(300);
        assertThat(ps.returnToService()).isEqualTo(2);
        assertThat(ps.privateDataCloud()).isTrue();
        assertThat(conf.nodes()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("node1");
            assertThat(n.isCloud()).isTrue();
            assertThat(n.cpus()).isEqualTo(1);
            assertThat(n.port()).isEqualTo(OptionalInt.of(17101));
            assertThat(n.nodeAddr()).isEqualTo("127.0.0.1");
            assertThat(n.nodeHostName()).isEqualTo("node1");
        });
        assertThat(conf.partitions()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("debug");
            assertThat(p.nodes()).containsExactly("node1");
            assertThat(p.isDefault()).isTrue();
            assertThat(p.maxTime()).isEqualTo("INFINITE");
            assertThat(p.state()).isEqualTo("UP");
        });
        assertThat(conf.timeoutsFor("node1")).isEqualTo(new NodeTimeouts(
                TimeoutValue.of(Duration.ofSeconds(15)), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @Test
    void literalLabPathsAreNotAbsoluteSoPowerSaveWouldBeOff() throws IOException {
        PowerSaveVerdict v = new HookProgramRules().verdict(parseAsRecorded("level0.slurm.conf"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.logLines()).containsExactly(
                "error: power_save program $LAB/hooks/suspend not absolute pathname",
                "error: power_save module disabled, invalid SuspendProgram $LAB/hooks/suspend");
    }

    /** Writes the hooks into a lab directory and parses the config with $LAB replaced by it, as the lab ran. */
    private SlurmConf labRun(String name, String resumeMode) throws IOException {
        Path hooks = Files.createDirectories(lab.resolve("hooks"));
        for (String hook : List.of("suspend", "resume", "resumefail")) {
            Path file = hooks.resolve(hook);
            Files.writeString(file, "#!/bin/sh\necho \"$(date +%s) $0 $1\" >> " + lab.resolve("hooks.log") + "\n");
            Files.setPosixFilePermissions(file,
                    PosixFilePermissions.fromString(hook.equals("resume") ? resumeMode : "rwxr-xr-x"));
        }
        String text = resource(name).replace("$LAB", lab.toString());
        return new SlurmConfParser().parse(text, lab.resolve("slurm.conf"));
    }

    @Test
    void level0HooksEnablePowerSave() throws IOException {
        PowerSaveVerdict v = new HookProgramRules().verdict(labRun("level0.slurm.conf", "rwxr-xr-x"));
        assertThat(v.enabled()).isTrue();
        assertThat(v.resumeFailProgram()).contains(lab.resolve("hooks/resumefail").toString());
        assertThat(v.logLines()).isEmpty();
    }

    @Test
    void groupWritableResumeProgramGivesTheLinesTheRealDaemonLogged() throws IOException {
        PowerSaveVerdict v = new HookProgramRules().verdict(labRun("perms.slurm.conf", "rwxrwxr-x"));
        assertThat(v.enabled()).isFalse();
        List<String> real = loggedLines("perms.real-22.05.trace");
        assertThat(real).hasSize(2);
        assertThat(v.logLines()).containsExactlyElementsOf(
                real.stream().map(l -> l.replace("$LAB", lab.toString())).toList());
    }
}

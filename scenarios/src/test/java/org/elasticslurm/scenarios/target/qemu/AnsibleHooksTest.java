package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.FileMode;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks of persistent guests, run as slurmctld 22.05 starts them: no PATH, fds 0-2 closed. */
class AnsibleHooksTest {
    @TempDir
    Path lab;

    private CommandResult runAsSlurmctld(Path program, String hostlist) {
        return CommandResult.run(List.of("/bin/sh", "-c", "exec \"$0\" \"$1\" <&- >&- 2>&-", program.toString(),
                hostlist), Map.of("SLURM_CONF", lab.resolve("slurm.conf").toString()), lab, Duration.ofSeconds(30));
    }

    private Path write(AnsibleHooks hooks, HookRole role, HookPreset preset) throws IOException {
        Path program = Files.createDirectories(lab.resolve("hooks")).resolve(role.keyword());
        Files.writeString(program, hooks.program(role, preset));
        Files.setPosixFilePermissions(program, FileMode.permissions(0755));
        return program;
    }

    @Test
    void aHookRecordsItsCallOnceWithTheHostlistAsSlurmctldGaveIt() throws IOException {
        Path calls = lab.resolve("hooks/hook-calls");
        AnsibleHooks hooks = new AnsibleHooks(calls,
                GuestAccess.create(lab, "eq0a0b0c", Map.of("node1", "10.77.0.101")));
        Path suspend = write(hooks, HookRole.SUSPEND, HookPreset.NOOP);
        Path resume = write(hooks, HookRole.RESUME, HookPreset.LOG);

        assertThat(runAsSlurmctld(suspend, "node[1-2]").exitCode()).isZero();
        assertThat(runAsSlurmctld(resume, "node1").exitCode()).isZero();

        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{13} suspend node\\[1-2\\]");
        assertThat(lines.get(1)).matches("\\d{13} resume node1");
        assertThat(Files.readString(lab.resolve("hooks.log"))).contains("resume node1");
    }

    @Test
    void theRunsAnsibleConfigurationReachesEachNodeAtItsReservedAddressWithTheRunsKey() {
        GuestAccess access = GuestAccess.create(lab, "eq0a0b0c", Map.of("node1", "10.77.0.101", "node2",
                "10.77.0.102"));

        CommandResult inventory = CommandResult.run(List.of("/usr/bin/ansible-inventory", "--host", "node2"),
                Map.of("ANSIBLE_CONFIG", access.config().toString(), "HOME", lab.toString(), "PATH", "/usr/bin:/bin"),
                lab, Duration.ofSeconds(60));

        assertThat(inventory.exitCode()).as(inventory.stderr()).isZero();
        assertThat(inventory.stdout()).contains("\"ansible_host\": \"10.77.0.102\"");
        assertThat(access.publicKey()).startsWith("ssh-ed25519 ").endsWith(" elastic-lab-eq0a0b0c");
        assertThat(lab.resolve("ssh/id_ed25519")).isRegularFile();
    }

    @Test
    void theRunEndsTheSshConnectionMastersNamedByItsControlSocketsAndNoOthers(@TempDir Path other) throws IOException {
        GuestAccess access = GuestAccess.create(lab, "eq0a0b0c", Map.of("node1", "10.77.0.101"));
        // an ssh master's title replaces its argv: "ssh: <control socket> [mux]"
        Process ours = title("ssh: " + lab.resolve("ansible/cp/4f2a9c") + " [mux]");
        Process theirs = title("ssh: " + other.resolve("ansible/cp/4f2a9c") + " [mux]");
        try {
            assertThat(access.endConnectionMasters()).isEqualTo(1);

            assertThat(ours.isAlive()).isFalse();
            assertThat(theirs.isAlive()).isTrue();
        } finally {
            theirs.destroyForcibly();
            ours.destroyForcibly();
        }
    }

    private static Process title(String title) throws IOException {
        return new ProcessBuilder("/bin/bash", "-c", "exec -a \"$0\" /bin/sleep 600", title).start();
    }
}

package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * How a qemu run reaches its guests over ssh, as the write-up's ansible did: a key pair made for the run
 * ({@code ssh/id_ed25519} in the run's directory; every guest's user-data authorizes it for root) and an ansible
 * directory ({@code ansible/}): {@code ansible.cfg} (the run's key, root, no host key checking: every guest of the
 * image shares its host keys; ansible's own ssh settings otherwise, ControlPersist included), {@code inventory} (each
 * node with its reserved address) and {@code post-config.yml}, the playbook {@code ansible/level3-ansible.yaml} runs
 * as its post-configuration. Commands that use it run in the lab's namespace, where the guests' addresses are.
 */
final class GuestAccess {
    private static final String PLAYBOOK = "post-config.yml";
    private final Path dir;
    private final String publicKey;

    private GuestAccess(Path dir, String publicKey) {
        this.dir = dir;
        this.publicKey = publicKey;
    }

    /**
     * Makes the key pair and writes the ansible files.
     *
     * @param lab       the run's directory
     * @param run       the run's name (the key's comment)
     * @param addresses each node's reserved address, in node order
     */
    static GuestAccess create(Path lab, String run, Map<String, String> addresses) {
        try {
            Path ssh = Files.createDirectories(lab.resolve("ssh"));
            Path key = ssh.resolve("id_ed25519");
            Shell.check(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "elastic-lab-" + run,
                    "-f", key.toString()));
            Path ansible = Files.createDirectories(lab.resolve("ansible"));
            Files.createDirectories(ansible.resolve("tmp"));
            Files.writeString(ansible.resolve("ansible.cfg"), config(lab));
            StringBuilder inventory = new StringBuilder("# the run's nodes (their reserved addresses)\n[nodes]\n");
            addresses.forEach((node, address) -> inventory.append(node).append(" ansible_host=").append(address)
                    .append('\n'));
            Files.writeString(ansible.resolve("inventory"), inventory);
            Files.writeString(ansible.resolve(PLAYBOOK), QemuResources.text(PLAYBOOK));
            return new GuestAccess(lab, Files.readString(ssh.resolve("id_ed25519.pub")).strip());
        } catch (IOException e) {
            throw new TargetException("cannot write the run's ssh key and ansible files in " + lab + ": "
                    + e.getMessage(), e);
        }
    }

    static String config(Path lab) {
        return """
                # elastic-lab qemu run: ansible reaches the run's guests as root with the run's key
                [defaults]
                inventory = %1$s/ansible/inventory
                remote_user = root
                private_key_file = %1$s/ssh/id_ed25519
                # every guest of the image shares its host keys, and the run's addresses are reused by the next run
                host_key_checking = False
                local_tmp = %1$s/ansible/tmp
                interpreter_python = /usr/bin/python3
                [privilege_escalation]
                # the guest image has no sudo; root's su asks no password (the hooks still say --become)
                become_method = su
                [ssh_connection]
                # ansible's own ssh settings (-o ControlMaster=auto -o ControlPersist=60s) are kept; only the control
                # sockets live in the run's directory
                control_path_dir = %1$s/ansible/cp
                """.formatted(lab);
    }

    /** The public key guests authorize ({@code ssh-ed25519 ... elastic-lab-RUN}). */
    String publicKey() {
        return publicKey;
    }

    /** {@code ansible/ansible.cfg}: what {@code ANSIBLE_CONFIG} names for the run's ansible commands. */
    Path config() {
        return dir.resolve("ansible/ansible.cfg");
    }

    /**
     * The ssh command that runs {@code command} as root on {@code address} with the run's key, failing at once
     * rather than asking (to be wrapped into the lab's namespace).
     */
    List<String> ssh(String address, String... command) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ssh", "-i", dir.resolve("ssh/id_ed25519").toString(),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=5", "root@" + address));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /**
     * Ends (SIGKILL, by PID) the ssh connection masters ansible left behind for the run: with ansible's default
     * ControlPersist=60s each outlives the command that made it by a minute, re-parented to init, named by its
     * control socket in the run's {@code ansible/cp/}. Returns how many it ended.
     */
    int endConnectionMasters() {
        String sockets = dir.resolve("ansible/cp").toString() + "/";
        // their title ("ssh: <socket> [mux]") replaces argv, which ProcessHandle.Info does not show: read cmdline
        List<ProcessHandle> masters = ProcessHandle.allProcesses().filter(p -> cmdline(p.pid()).contains(sockets))
                .toList();
        masters.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle m : masters) {
            try {
                // gone before the lab's namespace is removed (netlab.sh refuses while a process runs in it)
                m.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new TargetException("ssh connection master " + m.pid() + " of the run did not end after "
                        + "SIGKILL", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException("interrupted while ending the run's ssh connection masters", e);
            }
        }
        return masters.size();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // ended meanwhile
        }
    }

    /** How long a guest may take from its start to answering ssh (a TCG boot here: 35-45 s, loaded up to 2 min). */
    static Duration sshDeadline() {
        return Duration.ofMinutes(4);
    }
}

package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.FileMode;
import org.elasticslurm.conf.PowerSaveSettings;
import org.elasticslurm.lab.process.LabProcesses;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * The hooks of a qemu run on persistent guests (Level 1 as the write-up ran it): the remote-execution tool is
 * Debian's real {@code ansible}, reaching each node's VM over ssh with the run's key ({@link GuestAccess}). Every
 * program records its call ({@code <epoch ms> <role> <hostlist>} in {@code hook-calls}, the provisioner clients'
 * format) and exports {@value LabProcesses#MARKER} so that what it leaves behind is found and ended by PID.
 * slurmctld 22.05 starts the programs with no {@code PATH}, fds 0-2 closed and its signals blocked:
 * <ul>
 * <li>{@code remote-slurmd}, as first written: {@code ansible NODE -m command -a "slurmd -b" --become &} and exit
 * (ansible inherits the closed descriptors);</li>
 * <li>{@code remote-slurmd-fixed}: descriptors on /dev/null and a log, the signal mask cleared, a session of its
 * own, ansible without a lingering connection master ({@code ControlPersist=no}), every child waited for;</li>
 * <li>{@code noop} and {@code log} as on the other targets.</li>
 * </ul>
 */
final class AnsibleHooks {
    /** The presets these hooks have. */
    static final Set<HookPreset> PRESETS = EnumSet.of(HookPreset.NOOP, HookPreset.LOG, HookPreset.REMOTE_SLURMD,
            HookPreset.REMOTE_SLURMD_FIXED);
    private static final String SCONTROL = "/usr/bin/scontrol";
    private static final String ANSIBLE = "/usr/bin/ansible";
    private static final String GUEST_SLURMD = "/usr/sbin/slurmd -b";

    private final Path calls;
    private final GuestAccess access;

    /** @param calls the file every program appends its call to, @param access the run's ssh and ansible files */
    AnsibleHooks(Path calls, GuestAccess access) {
        this.calls = calls;
        this.access = access;
    }

    /** Why a scenario's hooks cannot run on persistent guests (a hook that is not one of {@link #PRESETS}). */
    static Optional<String> unsupported(LoadedScenario loaded) {
        for (Map.Entry<HookRole, HookSpec> e : loaded.scenario().hooks().entrySet()) {
            if (!(e.getValue() instanceof HookSpec.Preset p) || !PRESETS.contains(p.preset())) {
                return Optional.of("the " + e.getKey() + " hook is not one of the presets qemu runs on persistent "
                        + "guests (" + String.join(", ", PRESETS.stream().map(HookPreset::keyword).toList()) + ")");
            }
        }
        return Optional.empty();
    }

    /** Writes each hook slurm.conf names inside the lab ({@code $LAB/...}), with the scenario's mode. */
    void writePrograms(LoadedScenario loaded, Path lab) throws IOException {
        Files.createDirectories(calls.getParent());
        Files.writeString(calls, "");
        PowerSaveSettings settings = loaded.slurmConf().powerSave();
        for (Map.Entry<HookRole, HookSpec> e : loaded.scenario().hooks().entrySet()) {
            Optional<String> program = e.getKey().program(settings);
            if (program.isPresent() && program.get().startsWith("$LAB/")
                    && e.getValue() instanceof HookSpec.Preset p) {
                Path file = Path.of(program.get().replace("$LAB", lab.toString()));
                Files.createDirectories(file.getParent());
                Files.writeString(file, program(e.getKey(), p.preset()));
                Files.setPosixFilePermissions(file, FileMode.permissions(p.mode().orElse(0755)));
            }
        }
    }

    /** The program of a role's preset. */
    String program(HookRole role, HookPreset preset) {
        String head = """
                #!/bin/bash
                # %s (preset %s) of a qemu run on persistent guests. slurmctld 22.05 starts it with no PATH, fds 0-2
                # closed and its signals blocked. The run's directory is where SLURM_CONF is.
                lab=${SLURM_CONF%%/*}
                # the call, once (the fixed form starts itself again)
                [[ -n $ESL_HOOK_DETACHED ]] || echo "$(/bin/date +%%s%%3N) %s $1" >> '%s'
                export %s=$lab ANSIBLE_CONFIG='%s' HOME=$lab/ansible PATH=/usr/sbin:/usr/bin:/sbin:/bin
                """.formatted(role.slurmKey(), preset.keyword(), role.keyword(), calls, LabProcesses.MARKER,
                access.config());
        return switch (preset) {
            case NOOP -> head + "exit 0\n";
            case LOG -> head + """
                    printf '%%s %s %%s\\n' "${EPOCHREALTIME}" "$*" >> "$lab/hooks.log"
                    exit 0
                    """.formatted(role.keyword());
            case REMOTE_SLURMD -> head + """
                    # As the write-up first wrote it: fire ansible in the background and return.
                    for node in $(%s show hostnames "$1"); do
                      %s "$node" -m command -a '%s' --become &
                    done
                    exit 0
                    """.formatted(SCONTROL, ANSIBLE, GUEST_SLURMD);
            case REMOTE_SLURMD_FIXED -> head + """
                    if [[ -z $ESL_HOOK_DETACHED ]]; then
                      # fds 0-2 are closed: put them on /dev/null and a log before anything opens a file
                      exec </dev/null >>"$lab/log/hook-%1$s.log" 2>&1
                      # clear the blocked signal mask and ignored SIGQUIT inherited from slurmctld, then go on in
                      # a session of our own (setsid -w: still waited for by slurmctld)
                      export ESL_HOOK_DETACHED=1
                      exec /usr/bin/perl -MPOSIX -e '$SIG{QUIT} = "DEFAULT"; sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; exec @ARGV or die "exec: $!"' -- /usr/bin/setsid -w "$0" "$@"
                    fi
                    # no connection master that outlives ansible (ansible's default is ControlPersist=60s)
                    export ANSIBLE_SSH_ARGS='-o ControlMaster=no'
                    for node in $(%2$s show hostnames "$1"); do
                      %3$s "$node" -m command -a '%4$s' --become &
                    done
                    wait   # every child reaped before the hook exits
                    echo "$(/bin/date +%%s%%3N) %1$s done"
                    exit 0
                    """.formatted(role.keyword(), SCONTROL, ANSIBLE, GUEST_SLURMD);
            case PROVISIONER -> throw new TargetException("the provisioner preset runs on qemu with a provisioner: "
                    + "section, not on persistent guests", null);
        };
    }
}

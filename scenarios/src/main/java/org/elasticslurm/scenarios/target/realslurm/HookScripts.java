package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elasticslurm.conf.FileMode;
import org.elasticslurm.lab.real.HookPrograms;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;

/**
 * The programs a process lab (real-slurm, fake-realtime) installs: the hook presets, the stand-in
 * remote-execution tool and the {@code hostname} of the lab's nodes. The hooks are started by the lab's slurmctld
 * (the real 22.05, or the fake one, which does the same), so they get what it gives: no {@code PATH}, file
 * descriptors 0-2 closed, its blocked signal mask, only {@code SLURM_CONF} (and {@code SLURM_RESUME_FILE}). Every
 * script therefore uses absolute paths (the lab's {@link SlurmBinaries}) and bash builtins only, and finds the
 * lab directory from {@code SLURM_CONF}. Every hook first appends {@code <seconds> hook <role> <args>} to the lab's
 * trace with the lines of slurm-lab's {@link HookPrograms#recordCall}, which is how the target sees hook calls;
 * files are written by {@link HookPrograms#writeProgram}.
 */
final class HookScripts {

    /** The remote-execution tool's file name under the tools directory. */
    static final String REMOTE_TOOL = "esl-remote";

    private final Path toolsDir;
    private final SlurmBinaries binaries;

    /**
     * @param toolsDir where the remote tool and the {@code hostname} shim are written
     * @param binaries the Slurm executables the scripts run ({@code scontrol}, {@code slurmd})
     */
    HookScripts(Path toolsDir, SlurmBinaries binaries) {
        this.toolsDir = toolsDir;
        this.binaries = binaries;
    }

    /** Writes the tools ({@link #REMOTE_TOOL}, {@code hostname}) into the tools directory. */
    void writeTools() throws IOException {
        Files.createDirectories(toolsDir);
        HookPrograms.writeProgram(toolsDir.resolve(REMOTE_TOOL), remoteTool(), 0755);
        HookPrograms.writeProgram(toolsDir.resolve("hostname"), hostnameShim(), 0755);
    }

    /** The directory whose {@code hostname} prints the node's name in a job (put first on a job's PATH). */
    Path jobPath() {
        return toolsDir;
    }

    /** Writes a preset as the program of a role, with the mode given. */
    void writePreset(Path file, HookRole role, HookPreset preset, int mode) throws IOException {
        HookPrograms.writeProgram(file, preset(role, preset), mode);
    }

    /**
     * Writes a site's program next to {@code file} (as {@code file.site}) and at {@code file} a wrapper that
     * records the call and {@code exec}s it, so it runs in exactly the environment slurmctld gave.
     */
    void writeSiteProgram(Path file, HookRole role, Path program, int mode) throws IOException {
        Path site = file.resolveSibling(file.getFileName() + ".site");
        Files.createDirectories(file.getParent());
        Files.copy(program, site, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(site, FileMode.permissions(0755));
        HookPrograms.writeProgram(file, header(role, "a site's program") + record(role) + "exec '" + site + "' \"$@\"\n",
                mode);
    }

    String preset(HookRole role, HookPreset preset) {
        String head = header(role, "preset " + preset.keyword());
        return switch (preset) {
            case NOOP -> head + record(role) + "exit 0\n";
            case LOG -> head + record(role) + """
                    printf '%%s %s %%s\\n' "${EPOCHREALTIME}" "$*" >> "$lab/hooks.log"
                    exit 0
                    """.formatted(role.keyword());
            case REMOTE_SLURMD -> head + record(role) + """
                    # As the write-up first wrote it: fire the remote tool in the background and return. The tool
                    # keeps its connection master, which never waits for the session it started: <defunct>.
                    for node in $('%2$s' show hostnames "$1"); do
                      '%1$s' "$node" '%3$s' -b -N "$node" -f "$SLURM_CONF" &
                    done
                    exit 0
                    """.formatted(toolsDir.resolve(REMOTE_TOOL), binaries.scontrol(), binaries.slurmd());
            case REMOTE_SLURMD_FIXED -> head + """
                    if [[ -z $ESL_HOOK_DETACHED ]]; then
                    %2$s  # fds 0-2 are closed: put them on /dev/null (and a log) before anything opens a file
                      exec </dev/null >>"$lab/log/hook-%1$s.log" 2>&1
                      # clear the blocked signal mask and ignored SIGQUIT inherited from slurmctld, then go on in
                      # a session of our own (setsid -w: still waited for by slurmctld)
                      export ESL_HOOK_DETACHED=1
                      exec /usr/bin/perl -MPOSIX -e '$SIG{QUIT} = "DEFAULT"; sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; exec @ARGV or die "exec: $!"' -- /usr/bin/setsid -w "$0" "$@"
                    fi
                    # ESL_REMOTE_PERSIST=0: no lingering connection master (ssh's ControlPersist=no)
                    for node in $('%4$s' show hostnames "$1"); do
                      ESL_REMOTE_PERSIST=0 '%3$s' "$node" '%5$s' -b -N "$node" -f "$SLURM_CONF" &
                    done
                    wait   # every child reaped before the hook exits
                    exit 0
                    """.formatted(role.keyword(), record(role).indent(2).stripTrailing(),
                    toolsDir.resolve(REMOTE_TOOL), binaries.scontrol(), binaries.slurmd());
            case PROVISIONER -> throw new IllegalArgumentException(
                    "the provisioner preset is not run on " + binaries.kind() + " (RealSlurmTarget.cannotRun says why)");
        };
    }

    private String header(HookRole role, String what) {
        return """
                #!/bin/bash
                # %s (%s) of a %s lab. slurmctld starts it as 22.05 does, with no PATH, fds 0-2 closed and its
                # signal mask blocked: absolute paths and bash builtins only. The lab is where SLURM_CONF is.
                lab=${SLURM_CONF%%/*}
                """.formatted(role.slurmKey(), what, binaries.kind());
    }

    /** Appends {@code <seconds> hook <role> <args>} to the lab's trace, as the reference lab's hooks do. */
    private static String record(HookRole role) {
        return HookPrograms.recordCall(role.keyword(), "\"$lab/start\"", "\"$lab/trace\"");
    }

    private String remoteTool() {
        return """
                #!/bin/bash
                # esl-remote NODE COMMAND [ARG...]: the %s lab's stand-in for the remote-execution tool
                # (the write-up used `ansible NODE -m shell -a COMMAND` over ssh). Every node of the lab runs on
                # this machine, so "on NODE" is here. What the stand-in keeps of the real tool:
                #  - reaching the node takes ESL_REMOTE_CONNECT seconds (default 2, ansible's ssh set-up);
                #  - the command runs as sshd would start it on the node: in a session of its own, fds 0-2 on
                #    /dev/null (output to $LAB/log/remote-NODE.log), no blocked or ignored signals, a PATH with
                #    the lab's Slurm commands first; so it does not inherit the hook's closed descriptors,
                #    blocked signal mask and missing PATH;
                #  - the tool's own process shape: after starting the session it keeps the connection for
                #    ESL_REMOTE_PERSIST seconds (ssh's ControlPersist; default 120) as a master process that
                #    never waits for the session it started, which is left <defunct> once it ends.
                #    ESL_REMOTE_PERSIST=0 (ControlPersist=no) waits for the session and exits with its status.
                # Started from a hook: absolute paths and bash builtins only.
                lab=${SLURM_CONF%%/*}
                export ELASTIC_SLURM_LAB=$lab   # the lab's teardown ends what this starts, by PID
                export PATH='%s'
                node=$1
                shift
                /usr/bin/perl -MPOSIX -e 'select(undef, undef, undef, shift @ARGV); $SIG{$_} = "DEFAULT" for qw(QUIT INT TERM HUP PIPE); sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; exec @ARGV or die "exec: $!"' -- "${ESL_REMOTE_CONNECT:-2}" /usr/bin/setsid "$@" </dev/null >>"$lab/log/remote-$node.log" 2>&1 &
                session=$!
                persist=${ESL_REMOTE_PERSIST:-120}
                if (( persist > 0 )); then
                  exec /bin/sleep "$persist"
                fi
                wait "$session"
                """.formatted(binaries.kind(), binaries.commands().path("/usr/local/bin:/usr/bin:/bin"));
    }

    private static String hostnameShim() {
        return """
                #!/bin/bash
                # hostname in a process lab's jobs: every node's slurmd runs on this machine (slurmd -N NODE),
                # so a job step prints the node it runs on, as the node's own machine would.
                if [[ -n $SLURMD_NODENAME ]]; then
                  printf '%s\\n' "$SLURMD_NODENAME"
                else
                  exec /bin/hostname "$@"
                fi
                """;
    }
}

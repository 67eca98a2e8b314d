package org.elasticslurm.provisioner.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.real.ConfTemplate;

/**
 * Debian's slurmctld (22.05) of a chaos run, in the foreground in a directory of the run, on its own loopback
 * port, with the burst's nodes as CLOUD nodes ({@code PrivateData=cloud}, so powered-down nodes are shown). Its
 * ResumeProgram and SuspendProgram only record their hostlist ({@link #programCalls}); the run sends the service
 * what the hooks would, when slurmctld runs them (also the ones it runs again after a restart). It is
 * stopped by PID (SIGTERM or SIGKILL) and started again on the same state directory, as an admin restarting the
 * controller does. Needs munged running.
 */
final class ChaosSlurmctld implements AutoCloseable {
    private static final Pattern NODE = Pattern.compile("NodeName=(\\S+) .*? State=(\\S+).*?(?: Reason=(.*?))?$");

    /**
     * The daemon and client a run uses, and how long each may take: {@code start} for the daemon's first answer
     * to a ping, {@code call} for one scontrol call (killed after it).
     */
    record Programs(Path slurmctld, Path scontrol, Duration start, Duration call) {
        /** Debian's slurm-wlm. */
        static final Programs DEBIAN = new Programs(Path.of("/usr/sbin/slurmctld"), Path.of("/usr/bin/scontrol"),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    final Path conf;
    private final Path dir;
    private final Programs tools;
    private final Path programs;
    private int programsRead;
    private Process process;
    private int starts;

    /**
     * Writes slurm.conf (nodes {@code prefix[1-count]}) and starts the daemon with a clear state.
     *
     * @param port SlurmctldPort; {@code port + 1} is the (unused) SlurmdPort
     */
    ChaosSlurmctld(Path dir, String cluster, String prefix, int count, int port) throws IOException,
            InterruptedException {
        this(dir, cluster, prefix, count, port, Programs.DEBIAN);
    }

    /** As above with other programs. A daemon that does not come up is stopped before the error is thrown. */
    ChaosSlurmctld(Path dir, String cluster, String prefix, int count, int port, Programs tools) throws IOException,
            InterruptedException {
        this.dir = dir;
        this.tools = tools;
        for (String d : new String[] {"state", "log"}) {
            Files.createDirectories(dir.resolve(d));
        }
        this.programs = dir.resolve("log/programs.log");
        for (String kind : new String[] {"resume", "suspend"}) {
            Path hook = dir.resolve(kind);
            Files.writeString(hook, "#!/bin/sh\necho \"" + kind + " $1\" >> " + programs + "\n");
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String host = ConfTemplate.localHost();
        conf = dir.resolve("slurm.conf");
        Files.writeString(conf, """
                ClusterName=%1$s
                SlurmctldHost=%2$s(127.0.0.1)
                SlurmUser=root
                SlurmdUser=root
                AuthType=auth/munge
                StateSaveLocation=%3$s/state
                SlurmctldPidFile=%3$s/slurmctld.pid
                SlurmctldLogFile=%3$s/log/slurmctld.log
                SlurmctldPort=%4$d
                SlurmdPort=%5$d
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                SelectTypeParameters=CR_Core
                MpiDefault=none
                ReturnToService=2
                SuspendProgram=%6$s/suspend
                ResumeProgram=%6$s/resume
                PrivateData=cloud
                SuspendTime=3600
                SuspendTimeout=5
                ResumeTimeout=1800
                ResumeRate=0
                SuspendRate=0
                NodeName=%7$s[1-%8$d] State=CLOUD CPUs=1
                PartitionName=cloud Nodes=%7$s[1-%8$d] Default=YES MaxTime=INFINITE State=UP
                """.formatted(cluster, host, dir, port, port + 1, dir, prefix, count));
        try {
            start(true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (process != null && process.isAlive()) {
                stop(true); // the caller has no object to close
            }
            throw e;
        }
    }

    /** Starts the daemon ({@code clear}: with {@code -c}, a new state) and waits until it answers a ping. */
    void start(boolean clear) throws IOException, InterruptedException {
        starts++;
        List<String> argv = new ArrayList<>(List.of(tools.slurmctld().toString(), "-D", "-f", conf.toString()));
        if (clear) {
            argv.add("-c");
        }
        process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/stdout").toFile())).start();
        Instant end = Instant.now().plus(tools.start());
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("slurmctld exited with " + process.exitValue() + "; see "
                        + dir.resolve("log"));
            }
            if (scontrol("ping").contains("is UP")) {
                return;
            }
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("slurmctld did not answer a ping within "
                        + tools.start().toSeconds() + " s; see " + dir);
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the daemon by its PID: SIGKILL when {@code kill}, else SIGTERM (state saved on the way out). */
    long stop(boolean kill) throws InterruptedException {
        long pid = process.pid();
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return pid;
    }

    long pid() {
        return process.pid();
    }

    boolean running() {
        return process.isAlive();
    }

    /** {@code scontrol update nodename=H state=S}, as slurmctld's own power saving or an admin asks it. */
    String update(String hostlist, String state) throws IOException, InterruptedException {
        return scontrol("update", "nodename=" + hostlist, "state=" + state);
    }

    /** The ResumeProgram and SuspendProgram runs since the last call: {"resume"|"suspend", hostlist} each. */
    List<String[]> programCalls() throws IOException {
        if (!Files.exists(programs)) {
            return List.of();
        }
        String all = Files.readString(programs);
        int end = all.lastIndexOf('\n') + 1; // whole lines only: a program may be writing one
        List<String[]> out = new ArrayList<>();
        for (String line : all.substring(programsRead, end).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.split(" ", 2));
            }
        }
        programsRead = end;
        return out;
    }

    /** Slurm's view: node name to {state, reason ("" when none)}; empty when the controller does not answer. */
    Map<String, String[]> nodes() throws IOException, InterruptedException {
        Map<String, String[]> out = new TreeMap<>();
        for (String line : scontrol("-o", "show", "node").split("\n")) {
            Matcher m = NODE.matcher(line.strip());
            if (m.find()) {
                String reason = m.group(3) == null ? "" : m.group(3).strip();
                out.put(m.group(1), new String[] {m.group(2), reason});
            }
        }
        return out;
    }

    /** Whether Slurm's view of a node is final: powered down (not on the way), or DOWN with a reason. */
    static boolean settled(String[] view) {
        List<String> flags = List.of(view[0].split("\\+"));
        boolean down = flags.get(0).equals("DOWN");
        if (down) {
            return !view[1].isEmpty();
        }
        return flags.contains("POWERED_DOWN") && !flags.contains("POWERING_UP") && !flags.contains("POWERING_DOWN")
                && !flags.contains("POWER_UP");
    }

    /**
     * Runs scontrol against this daemon, killed after {@link Programs#call}; returns stdout and stderr together
     * (the exit status is not checked).
     */
    String scontrol(String... args) {
        List<String> argv = new ArrayList<>(List.of(tools.scontrol().toString()));
        argv.addAll(List.of(args));
        CommandResult r = CommandResult.run(argv, Map.of("SLURM_CONF", conf.toString()), dir, tools.call());
        return r.stdout() + r.stderr();
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop(false);
        }
    }
}

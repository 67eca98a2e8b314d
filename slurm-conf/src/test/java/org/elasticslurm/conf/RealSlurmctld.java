package org.elasticslurm.conf;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real slurmctld 22.05 (Debian's slurm-wlm) started in the foreground on a scratch slurm.conf, with
 * {@code auth/none} so that it needs no munge key, listening on a free port and naming only 127.0.0.1.
 *
 * <p>As a JUnit condition: runs the tests when slurmctld and scontrol are installed; skips them with the reason
 * when they are not, except under {@code CI=true}, where their absence fails the tests.
 */
final class RealSlurmctld implements ExecutionCondition, AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path conf;

    private RealSlurmctld(Process process, Path log, Path conf) {
        this.process = process;
        this.log = log;
        this.conf = conf;
    }

    /** For JUnit's condition only. */
    RealSlurmctld() {
        this(null, null, null);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean installed = RealScontrol.find("slurmctld").isPresent() && RealScontrol.find("scontrol").isPresent();
        String missing = "slurmctld/scontrol (Debian package slurm-wlm 22.05) not installed";
        return Requirement.evaluate("real slurmctld and scontrol installed", installed ? Optional.empty()
                : Optional.of(Missing.of(missing, missing + "; run ci/install-packages.sh")));
    }

    /** The lines every scratch configuration starts with; the caller appends power-save keys, nodes, partitions. */
    static String head(Path lab) throws IOException {
        return String.join("\n",
                "ClusterName=lab",
                "SlurmctldHost=" + shortHostName() + "(127.0.0.1)",
                "SlurmUser=root",
                "AuthType=auth/none",
                "CredType=cred/none",
                "StateSaveLocation=" + Files.createDirectories(lab.resolve("state")),
                "SlurmdSpoolDir=" + lab.resolve("spool"),
                "SlurmctldPidFile=" + lab.resolve("slurmctld.pid"),
                "SlurmctldLogFile=" + lab.resolve("slurmctld.log"),
                "SlurmctldPort=" + freeLoopbackPort(),
                "SlurmctldDebug=debug",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "MpiDefault=none",
                "") + "\n";
    }

    /**
     * Starts {@code slurmctld -D -c -f conf} in {@code lab} and waits until it runs as primary controller
     * (the power-save configuration is checked before that).
     */
    static RealSlurmctld start(Path lab, Path conf) throws IOException {
        Path slurmctld = RealScontrol.find("slurmctld").orElseThrow(() -> new IllegalStateException(
                "slurmctld not found: install slurm-wlm"));
        Path log = lab.resolve("slurmctld.log");
        Process process = new ProcessBuilder(slurmctld.toString(), "-D", "-c", "-f", conf.toString())
                .directory(lab.toFile())
                .redirectErrorStream(true)
                .redirectOutput(lab.resolve("slurmctld.stdout").toFile())
                .start();
        RealSlurmctld daemon = new RealSlurmctld(process, log, conf);
        try {
            await("slurmctld running as primary controller").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("slurmctld exited", () -> !process.isAlive())
                    .until(() -> daemon.logLines().stream().anyMatch(l -> l.contains("Running as primary controller")));
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** How a slurmctld that stopped by itself ended: its exit code and its output (stderr merged). */
    record Stopped(int exitCode, String output) {
        /** The {@code error:} and {@code fatal:} lines, without their {@code slurmctld: error: } prefix. */
        List<String> errors() {
            return output.lines().filter(l -> l.startsWith("slurmctld: error: ") || l.startsWith("slurmctld: fatal: "))
                    .map(l -> l.substring(l.indexOf(": ", "slurmctld: ".length()) + 2)).toList();
        }
    }

    /**
     * Runs {@code slurmctld -D -c -f conf} in {@code lab} for a configuration it is expected to refuse at start.
     *
     * @throws IllegalStateException when it is still running after 60 s (it is then killed)
     */
    static Stopped runExpectingStop(Path lab, Path conf) throws IOException, InterruptedException {
        Path slurmctld = RealScontrol.find("slurmctld").orElseThrow(() -> new IllegalStateException(
                "slurmctld not found: install slurm-wlm"));
        Path out = lab.resolve("slurmctld.stdout");
        Process process = new ProcessBuilder(slurmctld.toString(), "-D", "-c", "-f", conf.toString())
                .directory(lab.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        RealSlurmctld daemon = new RealSlurmctld(process, lab.resolve("slurmctld.log"), conf);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("slurmctld still runs after 60 s: " + daemon.logLines());
            }
            return new Stopped(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            daemon.close();
        }
    }

    /** The log so far, each line without its {@code [timestamp] } prefix. */
    List<String> logLines() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(l -> l.startsWith("[") && l.indexOf("] ") > 0 ? l.substring(l.indexOf("] ") + 2) : l)
                .toList();
    }

    /**
     * Whether the daemon accepts {@code scontrol update nodename=NODE state=power_down}: it refuses every
     * POWER_* request when power saving is disabled.
     */
    boolean acceptsPowerDown(String node) throws IOException, InterruptedException {
        Path scontrol = RealScontrol.find("scontrol").orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(scontrol.toString(), "update", "nodename=" + node,
                "state=power_down").redirectErrorStream(true);
        builder.environment().put("SLURM_CONF", conf.toString());
        Process client = builder.start();
        try {
            client.getOutputStream().close();
            client.getInputStream().readAllBytes();
            if (!client.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("scontrol update did not finish within 30 s");
            }
            return client.exitValue() == 0;
        } finally {
            if (client.isAlive()) {
                client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Runs a client command of the installed Slurm ({@code scontrol}, {@code sinfo}) on this daemon and returns its
     * standard output.
     *
     * @throws IllegalStateException when it fails or takes more than 30 s
     */
    String client(String command, String... args) throws IOException, InterruptedException {
        Path program = RealScontrol.find(command).orElseThrow(() -> new IllegalStateException(command + " not found"));
        List<String> argv = new java.util.ArrayList<>(List.of(program.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SLURM_CONF", conf.toString());
        Process client = builder.start();
        try {
            client.getOutputStream().close();
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(30, TimeUnit.SECONDS) || client.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
            }
            return out;
        } finally {
            if (client.isAlive()) {
                client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Kills the daemon and the processes it started (slurmscriptd), by their PIDs. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String shortHostName() throws IOException {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        String name = Files.exists(kernel) ? Files.readString(kernel).strip()
                : InetAddress.getLocalHost().getHostName();
        return Optional.of(name.indexOf('.')).filter(i -> i > 0).map(i -> name.substring(0, i)).orElse(name);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

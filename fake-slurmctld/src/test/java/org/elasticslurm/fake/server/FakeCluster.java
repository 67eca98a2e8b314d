package org.elasticslurm.fake.server;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fake Slurm cluster on this machine for tests: a scratch directory with a slurm.conf (free loopback ports,
 * hooks that append their calls to {@code hooks.log}), the fake slurmctld and slurmds started from
 * {@code target/bin} as real processes. {@link #close()} ends them by pid (slurmd SIGKILL, slurmctld SIGTERM then
 * SIGKILL) and deletes the directory.
 */
public final class FakeCluster implements AutoCloseable {

    /** The drop-in commands built by {@code mvn package} (tests run in the module directory). */
    public static final Path BIN = Path.of("target/bin").toAbsolutePath();

    private final Path dir;
    private final Map<String, Boolean> nodes;
    private final Map<String, Process> slurmds = new HashMap<>();
    private final List<Process> others = new ArrayList<>();
    private Process slurmctld;

    /**
     * The result of a command.
     *
     * @param exit   its exit status
     * @param stdout what it printed on stdout
     * @param stderr what it printed on stderr
     */
    public record Output(int exit, String stdout, String stderr) {
    }

    private FakeCluster(Path dir, Map<String, Boolean> nodes) {
        this.dir = dir;
        this.nodes = nodes;
    }

    /**
     * Lays out a cluster: the nodes (true: State=CLOUD) in one partition {@code debug}, plus extra slurm.conf
     * lines (e.g. SuspendTime=300). Nothing runs yet.
     */
    public static FakeCluster layOut(Map<String, Boolean> nodes, List<String> extraLines) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "fkc-");
            FakeCluster cluster = new FakeCluster(dir, new LinkedHashMap<>(nodes));
            cluster.write(extraLines);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(List<String> extraLines) throws IOException {
        for (String sub : List.of("state", "log", "hooks", "jobs")) {
            Files.createDirectories(dir.resolve(sub));
        }
        for (String node : nodes.keySet()) {
            Files.createDirectories(dir.resolve("spool").resolve(node));
        }
        for (String hook : List.of("resume", "suspend", "resumefail")) {
            Path file = dir.resolve("hooks").resolve(hook);
            Files.writeString(file, "#!/bin/bash\necho \"" + hook + " $1\" >> " + dir.resolve("hooks.log") + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> conf = new ArrayList<>(List.of(
                "ClusterName=test",
                "SlurmctldHost=testctl(127.0.0.1)",
                "SlurmctldPort=" + freePort()));
        conf.addAll(daemonLines(dir));
        conf.addAll(List.of(
                "SuspendProgram=" + dir.resolve("hooks/suspend"),
                "ResumeProgram=" + dir.resolve("hooks/resume"),
                "ResumeFailProgram=" + dir.resolve("hooks/resumefail"),
                "PrivateData=cloud",
                "SuspendTimeout=5",
                "ResumeTimeout=30"));
        conf.addAll(extraLines);
        for (Map.Entry<String, Boolean> n : nodes.entrySet()) {
            conf.add("NodeName=" + n.getKey() + (n.getValue() ? " State=CLOUD" : "") + " CPUs=1 Port=" + freePort()
                    + " NodeAddr=127.0.0.1");
        }
        conf.add("PartitionName=debug Nodes=" + String.join(",", nodes.keySet())
                + " Default=YES MaxTime=INFINITE State=UP");
        Files.writeString(confFile(), String.join("\n", conf) + "\n");
    }

    /**
     * The slurm.conf lines for daemons that run as root, keep their state, spool, pid and log files under
     * {@code dir} (in state/, spool/NODE, log/), log at debug level and return DOWN nodes to service.
     */
    static List<String> daemonLines(Path dir) {
        return List.of(
                "SlurmUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool/%n"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd-%n.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd-%n.log"),
                "SlurmctldDebug=debug",
                "ReturnToService=2");
    }

    /**
     * Starts {@code slurmctld -D -f slurm.conf} and waits until {@code scontrol ping} reports it UP; if it does not,
     * stops it again before failing.
     */
    public FakeCluster startController() {
        slurmctld = start(List.of(BIN.resolve("slurmctld").toString(), "-D", "-f", confFile().toString()),
                dir.resolve("log/slurmctld.out"));
        try {
            await("slurmctld answers scontrol ping").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("slurmctld exited", () -> !slurmctld.isAlive())
                    .until(() -> run(List.of("scontrol", "ping")).exit() == 0);
        } catch (RuntimeException | Error e) {
            kill(slurmctld);
            throw e;
        }
        return this;
    }

    /** Starts {@code slurmd -D -N NODE [-b] -f slurm.conf}. */
    public Process startSlurmd(String node, boolean bootNow) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("slurmd").toString(), "-D", "-N", node));
        if (bootNow) {
            command.add("-b");
        }
        command.addAll(List.of("-f", confFile().toString()));
        Process p = start(command, dir.resolve("log/slurmd-" + node + ".out"));
        slurmds.put(node, p);
        return p;
    }

    /** Waits until {@code scontrol show node NODE} reports the state. */
    public void awaitState(String node, String state, Duration limit) {
        await(node + " " + state).atMost(limit).pollInterval(Duration.ofMillis(250))
                .until(() -> run(List.of("scontrol", "show", "node", node)).stdout().contains(" State=" + state + " "));
    }

    /** Runs a command (a drop-in one when named without a path) in the cluster directory; waits up to 60 s. */
    public Output run(List<String> command) {
        return run(command, Duration.ofSeconds(60));
    }

    public Output run(List<String> command, Duration limit) {
        Process p = startPiped(command);
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IllegalStateException(command + " did not end within " + limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            throw new IllegalStateException("interrupted", e);
        }
        return new Output(p.exitValue(), out.join(), err.join());
    }

    /** Starts a command in the background with pipes (for srun that waits); ended by {@link #close()}. */
    public Process startPiped(List<String> command) {
        ProcessBuilder b = new ProcessBuilder(resolve(command)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        b.environment().putAll(environment());
        try {
            Process p = b.start();
            others.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * A command named without a path is taken from {@link #BIN} when it is there: ProcessBuilder looks names up
     * on this JVM's PATH, not on the PATH given to the child.
     */
    private static List<String> resolve(List<String> command) {
        String name = command.get(0);
        if (name.contains("/") || !Files.isExecutable(BIN.resolve(name))) {
            return command;
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, BIN.resolve(name).toString());
        return resolved;
    }

    /** The environment of the commands: SLURM_CONF, the drop-in commands first on PATH. */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("SLURM_CONF", confFile().toString());
        env.put("PATH", BIN + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    private Process start(List<String> command, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true);
        b.environment().putAll(environment());
        try {
            return b.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public Path directory() {
        return dir;
    }

    public Path confFile() {
        return dir.resolve("slurm.conf");
    }

    public Process slurmctld() {
        return slurmctld;
    }

    /** The hook calls so far, e.g. {@code resume node1}. */
    public List<String> hookCalls() {
        try {
            Path log = dir.resolve("hooks.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The controller's log file so far. */
    public String controllerLog() {
        try {
            return Files.readString(dir.resolve("log/slurmctld.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILLs a slurmd (its machine is gone). */
    public void killSlurmd(String node) {
        Process p = slurmds.remove(node);
        if (p != null) {
            kill(p);
        }
    }

    /** Stops slurmctld (SIGTERM, then SIGKILL after 15 s). */
    public void stopController() {
        if (slurmctld != null) {
            slurmctld.destroy();
            try {
                if (!slurmctld.waitFor(15, TimeUnit.SECONDS)) {
                    kill(slurmctld);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(slurmctld);
            }
        }
    }

    @Override
    public void close() {
        others.forEach(FakeCluster::kill);
        slurmds.values().forEach(FakeCluster::kill);
        stopController();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "fake-cluster-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package org.elasticslurm.scenarios.target.provisioned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.fake.api.JsonText;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * The provisioner service as a child process of a lab: its configuration written as files (token file 0600,
 * {@code config/application.properties} in its working directory, which Quarkus reads), started with
 * {@code java -jar quarkus-run.jar} (optionally inside a lab namespace), ready once {@code /q/health/ready}
 * answers 200, observed through {@code GET /v1/nodes} and its operation log, stopped by PID. Its HTTP port is
 * reserved ({@link FreePorts}) from before the start until it has stopped.
 */
public final class ProvisionerService implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final FreePorts ports;
    private final String token;
    private final Process process;
    private final ServiceHttp http;
    private final Path operationLog;

    private ProvisionerService(Path dir, FreePorts ports, int port, String token, Process process, NetNs netns) {
        this.dir = dir;
        this.port = port;
        this.ports = ports;
        this.token = token;
        this.process = process;
        this.http = new ServiceHttp(netns, port);
        this.operationLog = dir.resolve("operations.jsonl");
    }

    /**
     * Writes the configuration and starts the service; returns once it is ready.
     *
     * @param app the packaged service
     * @param dir its own directory (created): token, config, operation log, service.log
     * @param slurmConf the slurm.conf it reads (its CLOUD nodes, SLURM_CONF for scontrol)
     * @param scontrol the scontrol it runs
     * @param properties further {@code provisioner.*} keys (backend, pools ...), in order
     * @param netns where it runs
     * @param readyWithin how long it may take to become ready
     * @throws TargetException when it exits or is not ready in time (with its last log lines); it is stopped
     */
    public static ProvisionerService start(ProvisionerApp app, Path dir, Path slurmConf, Path scontrol,
                                           Map<String, String> properties, NetNs netns, Duration readyWithin) {
        String token;
        int port;
        Process process;
        FreePorts ports = new FreePorts();
        try {
            Files.createDirectories(dir.resolve("config"));
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            Path tokenFile = dir.resolve("token");
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, token + "\n");
            port = ports.getAsInt();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("quarkus.http.host", "127.0.0.1");
            all.put("quarkus.http.port", Integer.toString(port));
            all.put("provisioner.slurm-conf", slurmConf.toString());
            all.put("provisioner.token-file", tokenFile.toString());
            all.put("provisioner.slurm.scontrol", scontrol.toString());
            all.put("provisioner.operation-log", dir.resolve("operations.jsonl").toString());
            all.putAll(properties);
            Files.writeString(dir.resolve("config/application.properties"), properties(all));
            List<String> cmd = netns.wrap(List.of(javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", app.runJar().toString()));
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("service.log").toFile()).start();
        } catch (IOException | RuntimeException e) {
            ports.close();
            throw new TargetException("cannot start the provisioner in " + dir + ": " + e.getMessage(), e);
        }
        ProvisionerService service = new ProvisionerService(dir, ports, port, token, process, netns);
        try {
            service.awaitReady(readyWithin);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** The URL hooks use (in the service's namespace). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The bearer token file. */
    public Path tokenFile() {
        return dir.resolve("token");
    }

    /** The service's PID. */
    public long pid() {
        return process.pid();
    }

    /** Its directory. */
    public Path directory() {
        return dir;
    }

    private void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new TargetException("the provisioner exited with status " + process.exitValue()
                        + " while starting; its last log lines (" + dir.resolve("service.log") + "):\n"
                        + tail(30), null);
            }
            try {
                ServiceHttp.Answer a = http.get("/q/health/ready", null);
                if (a.status() == 200) {
                    return;
                }
                last = "HTTP " + a.status() + " " + a.body().strip();
            } catch (IOException e) {
                last = e.getMessage();
            }
            pause(Duration.ofMillis(300));
        }
        throw new TargetException("the provisioner was not ready (/q/health/ready) within " + within.toSeconds()
                + " s (last: " + last + "); its last log lines (" + dir.resolve("service.log") + "):\n" + tail(30),
                null);
    }

    /**
     * Every node as {@code GET /v1/nodes} shows it now.
     *
     * @throws TargetException when the service does not answer
     */
    public List<ProvisionedNode> nodes() {
        ServiceHttp.Answer a;
        try {
            a = http.get("/v1/nodes", token);
        } catch (IOException e) {
            throw new TargetException("the provisioner does not answer GET /v1/nodes: " + e.getMessage(), e);
        }
        if (a.status() != 200 || !(JsonText.parse(a.body()) instanceof List<?> list)) {
            throw new TargetException("GET /v1/nodes answered " + a.status() + ": " + a.body(), null);
        }
        List<ProvisionedNode> out = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.add(new ProvisionedNode(String.valueOf(m.get("name")), String.valueOf(m.get("phase")),
                    opt(m, "address"), opt(m, "backendId"), opt(m, "lastError")));
        }
        return out;
    }

    /** Every line of the operation log so far, in order. */
    public List<OperationRecord> operations() {
        if (!Files.exists(operationLog)) {
            return List.of();
        }
        try {
            String text = Files.readString(operationLog);
            List<OperationRecord> out = new ArrayList<>();
            // only whole lines: the service may be writing the last one right now
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (!line.isBlank()) {
                    out.add(OperationRecord.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operation log " + operationLog, e);
        }
    }

    /**
     * Waits until the libvirt backend has logged its KVM probe's verdict ("KVM usable" / "KVM not usable"): the
     * probe runs once at start (up to its timeout when nested KVM hangs), and a create waits for it, so a lab
     * lets it finish before the scenario starts. Returns the verdict line.
     */
    public String awaitKvmVerdict(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Path log = dir.resolve("service.log");
        while (System.nanoTime() < deadline) {
            try {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains("KVM usable") || line.contains("KVM not usable")) {
                        return line.substring(line.indexOf("KVM"));
                    }
                }
            } catch (IOException e) {
                throw new TargetException("cannot read the provisioner's log " + log, e);
            }
            if (!process.isAlive()) {
                throw new TargetException("the provisioner exited: " + tail(30), null);
            }
            pause(Duration.ofMillis(250));
        }
        throw new TargetException("the provisioner logged no KVM probe verdict within " + within.toSeconds()
                + " s:\n" + tail(30), null);
    }

    /** The last lines of the service's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("service.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Whether the process runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Stops the service by its PID: SIGTERM, SIGKILL after 20 s; then releases its port. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            ports.close();
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String properties(Map<String, String> values) {
        StringBuilder b = new StringBuilder("# written by the elastic-lab scenario target for this run\n");
        values.forEach((k, v) -> b.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return b.toString();
    }

    private static Optional<String> opt(Map<?, ?> m, String key) {
        return Optional.ofNullable(m.get(key)).map(Object::toString);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while waiting for the provisioner", e);
        }
    }
}

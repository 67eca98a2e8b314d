package org.elasticslurm.provisioner.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process on a free loopback port,
 * with its own slurm.conf, token file, stand-in scontrol and operation log in a directory. Stopped by PID.
 */
public final class ServiceProcess implements AutoCloseable {
    public static final Path RUN_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    public static final String TOKEN = "service-process-token";

    public final Path dir;
    public final int port;
    public final Path tokenFile;
    public final Path log;
    public final ScontrolStandIn scontrol;
    private final Process process;

    /**
     * Starts the service and waits until it answers /q/health/live.
     *
     * @param dir working directory for its files
     * @param slurmConf slurm.conf text
     * @param knownNodes node names the stand-in scontrol accepts
     * @param properties extra -D properties (provisioner.* ...)
     */
    public ServiceProcess(Path dir, String slurmConf, List<String> knownNodes, Map<String, String> properties)
            throws IOException, InterruptedException {
        this.dir = dir;
        this.port = TestPorts.next();
        this.scontrol = new ScontrolStandIn(dir.resolve("slurm"), slurmConf, knownNodes);
        this.tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        this.log = dir.resolve("service.log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-Dquarkus.http.port=" + port,
                "-Dprovisioner.slurm-conf=" + scontrol.slurmConf, "-Dprovisioner.token-file=" + tokenFile,
                "-Dprovisioner.slurm.scontrol=" + scontrol.scontrol,
                "-Dprovisioner.operation-log=" + dir.resolve("operations.jsonl")));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", RUN_JAR.toAbsolutePath().toString()));
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitLive(Duration.ofSeconds(60));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    /** Exit status, once it exited. */
    public Process process() {
        return process;
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitLive(Duration max) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant end = Instant.now().plus(max);
        IOException last = null;
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url().resolve("/q/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        close();
        throw new IllegalStateException("the service did not become live within " + max + " (last: " + last + "):\n"
                + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}

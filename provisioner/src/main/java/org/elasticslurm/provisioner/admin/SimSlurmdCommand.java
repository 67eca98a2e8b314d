package org.elasticslurm.provisioner.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sim-slurmd --url URL [--token-file PATH] [--slurmd PATH] [--slurm-conf PATH] [--interval MS]}: for a
 * service with the sim backend, where no machine boots and so nothing starts slurmd, lists the nodes
 * ({@code GET /v1/nodes}) every interval and keeps one {@code slurmd -D -N NODE -b} running per READY node,
 * stopping it by its PID when the node is released. Runs until stopped (SIGTERM, Ctrl-C); then stops every
 * slurmd it started. One line on stdout per slurmd started or stopped.
 */
final class SimSlurmdCommand {
    static final String DEFAULT_SLURMD = "/usr/sbin/slurmd";
    private static final ObjectMapper JSON = new ObjectMapper();

    int run(Options o, PrintStream out, PrintStream err) throws InterruptedException {
        String url = o.value("url", null);
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            err.println("sim-slurmd: --url http://HOST:PORT of the service is required (" + url + ")");
            return AdminMain.USAGE;
        }
        Path tokenFile = Path.of(o.value("token-file", TokenCommand.DEFAULT_FILE));
        Path slurmd = Path.of(o.value("slurmd", DEFAULT_SLURMD));
        Path slurmConf = o.has("slurm-conf") ? Path.of(o.value("slurm-conf", null)) : null;
        long interval;
        try {
            interval = Long.parseLong(o.value("interval", "1000"));
        } catch (NumberFormatException e) {
            interval = -1;
        }
        if (interval < 100) {
            err.println("sim-slurmd: --interval must be a whole number of milliseconds, at least 100 ("
                    + o.value("interval", "") + ")");
            return AdminMain.USAGE;
        }
        if (!Files.isExecutable(slurmd)) {
            err.println("sim-slurmd: " + slurmd + " is not an executable file (--slurmd PATH)");
            return AdminMain.PROBLEM;
        }
        String token;
        try {
            token = Files.readAllLines(tokenFile).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            err.println("sim-slurmd: cannot read the token file " + tokenFile + " (--token-file PATH): " + e);
            return AdminMain.PROBLEM;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest list = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v1/nodes"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
        SlurmdFollower follower = new SlurmdFollower(SlurmdProcess.launcher(slurmd, slurmConf));
        Thread stopper = new Thread(() -> follower.stopAll().forEach(out::println));
        Runtime.getRuntime().addShutdownHook(stopper);
        out.println("sim-slurmd: following " + list.uri() + " every " + interval + " ms; runs "
                + SlurmdProcess.commandLine(slurmd, slurmConf, "NODE") + " per READY node");
        String lastProblem = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                HttpResponse<String> answer = http.send(list, HttpResponse.BodyHandlers.ofString());
                follower.follow(nodes(answer.statusCode(), answer.body())).forEach(out::println);
                lastProblem = null;
            } catch (IOException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                String problem = "sim-slurmd: cannot list the nodes at " + list.uri() + ": " + why
                        + " (the slurmds keep running; trying again)";
                if (!problem.equals(lastProblem)) {
                    err.println(problem);
                }
                lastProblem = problem;
            }
            Thread.sleep(interval);
        }
        return 0;
    }

    /** The nodes of a {@code GET /v1/nodes} answer, by name. */
    static Map<String, SlurmdFollower.NodePhase> nodes(int status, String body) throws IOException {
        if (status != 200) {
            throw new IOException("HTTP " + status + " " + body.strip());
        }
        JsonNode array = JSON.readTree(body);
        if (!array.isArray()) {
            throw new IOException("expected a JSON array of nodes, got " + body.strip());
        }
        Map<String, SlurmdFollower.NodePhase> nodes = new LinkedHashMap<>();
        for (JsonNode n : array) {
            nodes.put(n.path("name").asText(), new SlurmdFollower.NodePhase(n.path("phase").asText(),
                    n.path("since").asText()));
        }
        return nodes;
    }
}

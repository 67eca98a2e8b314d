package org.elasticslurm.provisioner.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.conf.Hostlist;

/**
 * A loopback HTTP endpoint with canned answers, for unit tests of the hook's own logic (what it posts, how it
 * reads replies); the hooks against the real service are tested in HookClientIT. Writes a client.conf and a
 * token file (0644 and 0600, owned by the user running the test) pointing at itself.
 */
final class CannedService implements AutoCloseable {
    private static final Pattern NODES = Pattern.compile("\"nodes\":\"([^\"]*)\"}$");
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final Path conf;
    final Path token;
    final Path log;
    private final HttpServer server;

    /** One answer: status and body. */
    record Answer(int status, String body) {
    }

    CannedService(Path dir, int deadlineMillis, Function<String, Answer> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            Answer a = answer.apply(body);
            byte[] reply = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        token = dir.resolve("token");
        Files.writeString(token, "secret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        log = dir.resolve("hooks.log");
        conf = dir.resolve("client.conf");
        Files.writeString(conf, "url=http://127.0.0.1:" + server.getAddress().getPort() + "\ntoken-file=" + token
                + "\nlog-file=" + log + "\ndeadline=" + deadlineMillis + "\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The service's own answer: 202 with one RUNNING operation per distinct node of the posted hostlist. */
    static Answer accepted(String body) {
        Matcher m = NODES.matcher(body);
        StringBuilder ops = new StringBuilder();
        int i = 0;
        for (String node : new java.util.LinkedHashSet<>(m.find() ? Hostlist.parse(m.group(1)).names() : List.<String>of())) {
            ops.append(ops.isEmpty() ? "" : ",").append("{\"id\":\"op-").append(i++).append("\",\"node\":\"")
                    .append(node).append("\",\"kind\":\"RESUME\",\"status\":\"RUNNING\",\"jobs\":[1]}");
        }
        return new Answer(202, "{\"operations\":[" + ops + "]}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

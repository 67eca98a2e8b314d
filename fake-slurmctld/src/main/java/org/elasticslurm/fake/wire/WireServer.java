package org.elasticslurm.fake.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The daemon side of the wire protocol: an HTTP server on one address with a fixed table of routes
 * ({@code GET /v1/nodes}, {@code POST /v1/srun} ...). A route answers with one JSON object, or streams JSON
 * objects, one per line. A request that breaks the protocol gets HTTP 400 with {@code {"protocolError": ...}};
 * an unknown route 404.
 */
public final class WireServer implements AutoCloseable {

    /** Answers one request with one object. */
    @FunctionalInterface
    public interface Route {
        JsonObject answer(WireRequest request);
    }

    /** Answers one request with a stream of objects, written through the sink until the route returns. */
    @FunctionalInterface
    public interface StreamRoute {
        void answer(WireRequest request, EventSink sink) throws IOException;
    }

    /** Where a streaming route writes its objects. */
    public interface EventSink {
        /** Sends one object (and flushes it). */
        void send(JsonObject event) throws IOException;

        /** Sends a keep-alive (an empty line); fails when the client went away. */
        void keepAlive() throws IOException;
    }

    /**
     * A request: its path parameters and body.
     *
     * @param query the query parameters
     * @param body  the JSON body ({@code {}} when there is none)
     * @param peer  the client's address
     */
    public record WireRequest(Map<String, String> query, JsonObject body, InetSocketAddress peer) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, StreamRoute> streams = new HashMap<>();
    private final Consumer<Throwable> onInternalError;

    /**
     * Binds (but does not start) a server.
     *
     * @param address         where to listen
     * @param threadName      prefix of the handler threads' names
     * @param onInternalError told about a route that failed unexpectedly (the client gets HTTP 500)
     * @throws IOException when the address cannot be bound (e.g. the port is in use)
     */
    public WireServer(InetSocketAddress address, String threadName, Consumer<Throwable> onInternalError)
            throws IOException {
        this.server = HttpServer.create(address, 64);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.onInternalError = onInternalError;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Adds a route answered with one object. */
    public WireServer route(String method, String path, Route route) {
        routes.put(method + " " + path, route);
        return this;
    }

    /** Adds a route answered with a stream of objects. */
    public WireServer stream(String method, String path, StreamRoute route) {
        streams.put(method + " " + path, route);
        return this;
    }

    public void start() {
        server.start();
    }

    /** The bound address (with the actual port when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening; requests being answered get up to {@code graceSeconds} to finish. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String key = exchange.getRequestMethod() + " " + uri.getPath();
            Route route = routes.get(key);
            StreamRoute stream = streams.get(key);
            if (route == null && stream == null) {
                send(exchange, 404, JsonObject.create().put("protocolError", "no route " + key));
                return;
            }
            WireRequest request;
            try {
                request = new WireRequest(query(uri.getRawQuery()), body(exchange.getRequestBody()),
                        exchange.getRemoteAddress());
            } catch (WireException e) {
                send(exchange, 400, JsonObject.create().put("protocolError", e.getMessage()));
                return;
            }
            if (route != null) {
                answer(exchange, route, request);
            } else {
                answerStream(exchange, stream, request);
            }
        }
    }

    private void answer(HttpExchange exchange, Route route, WireRequest request) throws IOException {
        JsonObject answer;
        try {
            answer = route.answer(request);
        } catch (WireException e) {
            send(exchange, 400, JsonObject.create().put("protocolError", e.getMessage()));
            return;
        } catch (RuntimeException e) {
            onInternalError.accept(e);
            send(exchange, 500, JsonObject.create().put("protocolError", "internal error: " + e));
            return;
        }
        send(exchange, 200, answer);
    }

    private void answerStream(HttpExchange exchange, StreamRoute route, WireRequest request) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        EventSink sink = new EventSink() {
            @Override
            public void send(JsonObject event) throws IOException {
                out.write((event.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }

            @Override
            public void keepAlive() throws IOException {
                out.write('\n');
                out.flush();
            }
        };
        try {
            route.answer(request, sink);
        } catch (WireException e) {
            sink.send(JsonObject.create().put("protocolError", e.getMessage()));
        } catch (RuntimeException e) {
            onInternalError.accept(e);
            sink.send(JsonObject.create().put("protocolError", "internal error: " + e));
        }
        out.close();
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toJson().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonObject body(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return text.isBlank() ? JsonObject.create() : JsonObject.parse(text);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(decode(k), decode(v));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WireException("bad query text: " + s, e);
        }
    }
}

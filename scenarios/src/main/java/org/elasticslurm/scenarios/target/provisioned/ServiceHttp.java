package org.elasticslurm.scenarios.target.provisioned;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GET requests to the provisioner on 127.0.0.1 of its namespace: a plain socket in this machine's namespace, or
 * bash's {@code /dev/tcp} run through {@code ip netns exec} in a lab namespace (the service's loopback is that
 * namespace's, which this JVM cannot enter). HTTP/1.0, so the answer ends when the connection closes.
 */
final class ServiceHttp {

    /** An answer: status code and body. */
    record Answer(int status, String body) {
    }

    /** How long one request may take, from connecting to the end of the answer. */
    static final Duration LIMIT = Duration.ofSeconds(15);

    private final NetNs netns;
    private final int port;
    private final Duration limit;

    ServiceHttp(NetNs netns, int port) {
        this(netns, port, LIMIT);
    }

    ServiceHttp(NetNs netns, int port, Duration limit) {
        this.netns = netns;
        this.port = port;
        this.limit = limit;
    }

    /**
     * GETs a path with an optional bearer token.
     *
     * @throws IOException when nothing answers
     */
    Answer get(String path, String token) throws IOException {
        String request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
        byte[] raw = netns.name().isEmpty() ? direct(request) : inNamespace(request);
        return parse(new String(raw, StandardCharsets.UTF_8));
    }

    private byte[] direct(String request) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readUntilClosed(s, deadline);
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer from 127.0.0.1:" + port + " within " + limit.toSeconds() + " s", e);
        }
    }

    /** Reads until the other side closes; each read may wait only for what is left of the request's limit. */
    private static byte[] readUntilClosed(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("the answer did not end in time");
            }
            s.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            int n = in.read(chunk);
            if (n < 0) {
                return answer.toByteArray();
            }
            answer.write(chunk, 0, n);
        }
    }

    private byte[] inNamespace(String request) throws IOException {
        List<String> cmd = netns.wrap(List.of("/bin/bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/\"$1\" || exit 7; printf '%s' \"$2\" >&3; cat <&3", "esl-http",
                Integer.toString(port), request));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(buf);
            } catch (IOException e) {
                // the request was ended: what was read is discarded below
            }
        }, "provisioner-http-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                end(p);
                throw new IOException("no answer from 127.0.0.1:" + port + " in " + netns.name().get() + " within "
                        + limit.toSeconds() + " s");
            }
            reader.join(limit.toMillis());
        } catch (InterruptedException e) {
            end(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("cannot connect to 127.0.0.1:" + port + " in namespace " + netns.name().get());
        }
        return buf.toByteArray();
    }

    private static void end(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    static Answer parse(String raw) throws IOException {
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/") || end < 0) {
            throw new IOException("not an HTTP answer: " + raw.substring(0, Math.min(80, raw.length())));
        }
        String[] status = raw.substring(0, raw.indexOf("\r\n")).split(" ");
        return new Answer(Integer.parseInt(status[1]), raw.substring(end + 4));
    }
}

package org.elasticslurm.fake.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The client side of the wire protocol: HTTP/1.1 with JSON bodies over a plain socket, one connection per request
 * ({@code Connection: close}). Written against the socket API rather than an HTTP library so that a command
 * starts fast; it understands what the daemons send: {@code Content-Length} bodies and chunked streams of
 * newline-separated JSON objects.
 */
public final class WireClient {

    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /**
     * @param address        the daemon's address
     * @param connectTimeout how long to wait for the connection
     * @param readTimeout    how long to wait for any data of the answer
     */
    public WireClient(InetSocketAddress address, Duration connectTimeout, Duration readTimeout) {
        this.address = address;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    public InetSocketAddress address() {
        return address;
    }

    /**
     * GET a path.
     *
     * @throws UnreachableException when nothing listens (or answers) at the address
     * @throws WireException        when the answer is not a JSON object or reports a protocol error
     */
    public JsonObject get(String path) {
        return exchange("GET", path, null);
    }

    /** POST a JSON object to a path; see {@link #get}. */
    public JsonObject post(String path, JsonObject body) {
        return exchange("POST", path, body);
    }

    private JsonObject exchange(String method, String path, JsonObject body) {
        try (Socket socket = connect()) {
            send(socket, method, path, body);
            Response response = Response.readHead(socket.getInputStream());
            String text = new String(response.bodyBytes(), StandardCharsets.UTF_8);
            return response.check(text);
        } catch (SocketTimeoutException e) {
            throw new UnreachableException("no answer from " + describe() + " within "
                    + readTimeoutMillis + " ms", e);
        } catch (IOException e) {
            throw new UnreachableException("connection to " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * POSTs a request whose answer is a stream of JSON objects, one per line, and hands each to {@code onEvent}
     * until it returns false or the stream ends. Blank lines (keep-alives) are skipped.
     *
     * @return whether {@code onEvent} ended the stream (false: the daemon closed it first)
     */
    public boolean stream(String path, JsonObject body, Predicate<JsonObject> onEvent) {
        try (Socket socket = connect()) {
            send(socket, "POST", path, body);
            InputStream in = socket.getInputStream();
            Response head = Response.readHead(in);
            if (head.status != 200) {
                head.check(new String(head.bodyBytes(), StandardCharsets.UTF_8));
            }
            InputStream content = head.chunked ? new ChunkedInput(in) : in;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = content.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8).strip();
                line.reset();
                if (!text.isEmpty() && !onEvent.test(JsonObject.parse(text))) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            throw new UnreachableException("no news from " + describe() + " within " + readTimeoutMillis + " ms", e);
        } catch (IOException e) {
            throw new UnreachableException("connection to " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    private Socket connect() {
        Socket socket = new Socket();
        try {
            socket.connect(address, connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof ConnectException || e instanceof SocketTimeoutException) {
                throw new UnreachableException("cannot connect to " + describe() + ": " + e.getMessage(), e);
            }
            throw new UnreachableException("cannot connect to " + describe() + ": " + e, e);
        }
    }

    private void send(Socket socket, String method, String path, JsonObject body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.toJson().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(address.getHostString()).append(':').append(address.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
    }

    private String describe() {
        return address.getHostString() + ":" + address.getPort();
    }

    /** The parts of an HTTP response this client needs. */
    private static final class Response {
        final int status;
        final boolean chunked;
        final long length;
        final InputStream in;

        private Response(int status, boolean chunked, long length, InputStream in) {
            this.status = status;
            this.chunked = chunked;
            this.length = length;
            this.in = in;
        }

        static Response readHead(InputStream in) throws IOException {
            String statusLine = readLine(in);
            if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
                throw new WireException("not an HTTP response: " + statusLine);
            }
            String[] parts = statusLine.split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new WireException("bad HTTP status line: " + statusLine, e);
            }
            boolean chunked = false;
            long length = -1;
            String header;
            while ((header = readLine(in)) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                } else if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                }
            }
            return new Response(status, chunked, length, in);
        }

        byte[] bodyBytes() throws IOException {
            InputStream content = chunked ? new ChunkedInput(in) : in;
            if (!chunked && length >= 0) {
                if (length > MAX_BODY) {
                    throw new WireException("answer of " + length + " bytes is too large");
                }
                return content.readNBytes((int) length);
            }
            return content.readAllBytes();
        }

        JsonObject check(String text) {
            if (status != 200) {
                String reason = text.strip();
                try {
                    reason = JsonObject.parse(text).optString("protocolError").orElse(reason);
                } catch (WireException notJson) {
                    // the body is plain text: keep it as the reason
                }
                throw new WireException("the daemon refused the request (HTTP " + status + "): " + reason);
            }
            return JsonObject.parse(text);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 16384) {
                throw new WireException("HTTP header line too long");
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code Transfer-Encoding: chunked}. */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("stream ended inside a chunk");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("stream ended inside a chunk");
            }
            left -= n;
            return n;
        }

        private boolean fill() throws IOException {
            if (done) {
                return false;
            }
            if (left > 0) {
                return true;
            }
            String size = readLine(in);
            if (size != null && size.isEmpty()) {
                size = readLine(in); // the CRLF that ends the previous chunk
            }
            if (size == null) {
                done = true;
                return false;
            }
            int semi = size.indexOf(';');
            try {
                left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + size, e);
            }
            if (left == 0) {
                done = true;
                return false;
            }
            return true;
        }
    }
}

package org.elasticslurm.provisioner.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST on a fresh connection ({@code Connection: close}). Written on plain sockets because the
 * hooks must start and finish within a second on a busy controller host: java.net.http costs several hundred
 * milliseconds of class loading and thread start-up there.
 */
final class HttpPost {
    private static final int MAX_RESPONSE = 1 << 20;

    /**
     * A reply.
     *
     * @param status HTTP status
     * @param body body text
     */
    record Reply(int status, String body) {
    }

    private HttpPost() {
    }

    /**
     * Posts a body. An https URI needs {@code tls} (see {@link ServerTrust}); the server's host name is verified
     * against its certificate.
     */
    static Reply send(URI uri, SSLSocketFactory tls, String token, String body, Duration connectTimeout, Duration timeout)
            throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (https && tls == null) {
            throw new IllegalStateException("https without a trust store");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        Socket plain = new Socket();
        try (plain) {
            plain.connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
            plain.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            Socket socket = plain;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                socket = ssl;
            }
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + port + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            // the token is in this request only: never in a message, a log line or an argument list
            out.write(payload);
            out.flush();
            try (Socket closing = socket) {
                return parse(readAll(closing.getInputStream()));
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buf.write(chunk, 0, n);
            if (buf.size() > MAX_RESPONSE) {
                throw new IOException("reply larger than " + MAX_RESPONSE + " bytes");
            }
        }
        return buf.toByteArray();
    }

    static Reply parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("not an HTTP reply: " + text.substring(0, Math.min(80, text.length())));
        }
        String[] statusLine = text.substring(0, text.indexOf("\r\n")).split(" ", 3);
        int status;
        if (statusLine.length < 2 || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("bad status line: " + statusLine[0]);
        }
        status = Integer.parseInt(statusLine[1]);
        boolean chunked = text.substring(0, end).toLowerCase(Locale.ROOT).contains("\r\ntransfer-encoding: chunked");
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Reply(status, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(body, i);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked reply");
            }
            String sizeText = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            if (!sizeText.matches("[0-9a-fA-F]{1,7}")) {
                throw new IOException("bad chunk size: " + sizeText);
            }
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            if (start + size > body.length) {
                throw new IOException("truncated chunk");
            }
            out.write(body, start, size);
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

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

    static Reply send(URI uri, String token, String body, Duration connectTimeout, Duration timeout) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            if (socket instanceof SSLSocket ssl) {
                SSLParameters p = ssl.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(p);
            }
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.max(1, connectTimeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + port + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Content-Length: " + payload.length + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return parse(readAll(socket.getInputStream()));
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

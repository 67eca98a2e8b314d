package org.elasticslurm.provisioner.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One raw HTTP/1.1 request, sent over its own socket (so methods, headers and cut-short bodies are exactly as
 * generated), and its reply.
 *
 * @param cut bytes of the body sent before the output is shut (-1: the whole body)
 * @param noLength send the body without Content-Length (ended by shutting the output)
 */
record FuzzRequest(String method, String path, String headers, byte[] body, int cut, boolean noLength) {
    /** The reply: status (0 when the server closed without one), headers, body, time taken. */
    record Reply(int status, String headers, String body, long nanos) {
        String contentType() {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring(13).strip();
                }
            }
            return "";
        }
    }

    Reply send(int port, int timeoutMillis) throws IOException {
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n").append(headers);
            if (body.length > 0 && !noLength) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body, 0, cut >= 0 ? cut : body.length);
                out.flush();
                if (cut >= 0 || noLength) {
                    s.shutdownOutput(); // the end of a cut-short body (the server closes on it, like on any EOF)
                }
            } catch (SocketException e) {
                // the server may answer (413) and close before the whole body is written; read its reply
            }
            byte[] raw = readAll(s.getInputStream());
            return parse(raw, System.nanoTime() - start);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0;) {
                b.write(buf, 0, n);
            }
        } catch (SocketException e) {
            // connection reset after the reply: keep what was read
        }
        return b.toByteArray();
    }

    private static Reply parse(byte[] raw, long nanos) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Reply(0, "", text, nanos);
        }
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(head.substring(9, 12)), head, body, nanos);
    }

    private static String dechunk(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(s.substring(i, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            int from = eol + 2;
            int to = Math.min(s.length(), from + size);
            b.append(s, from, to);
            i = to + 2;
        }
        return b.toString();
    }

    /** The request as a reader can replay it (long bodies shortened). */
    @Override
    public String toString() {
        String b = new String(body, StandardCharsets.UTF_8);
        String shown = b.length() > 300 ? b.substring(0, 300) + "...(" + body.length + " bytes)" : b;
        String p = path.length() > 300 ? path.substring(0, 300) + "...(" + path.length() + " chars)" : path;
        String h = headers.length() > 400 ? headers.substring(0, 400) + "..." : headers;
        return method + " " + p + "\n" + h + (cut >= 0 ? "[body cut after " + cut + " bytes]\n" : "")
                + (noLength ? "[no Content-Length]\n" : "") + shown;
    }
}

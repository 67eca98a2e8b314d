package org.elasticslurm.provisioner.client;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The hook clients' configuration, read from a fixed file because slurmctld gives its hooks no environment
 * to speak of: {@value #DEFAULT_FILE}, or the file named by {@value #FILE_ENV} (for tests and non-standard
 * installs). Keys:
 * <ul>
 *   <li>{@code url} - the service, e.g. {@code http://127.0.0.1:8080} (required)</li>
 *   <li>{@code token-file} - file holding the bearer token (default {@code /etc/elastic-slurm/token})</li>
 *   <li>{@code log-file} - where every call and error is appended (default
 *       {@code /var/log/elastic-slurm/hooks.log}; {@code none} to disable)</li>
 *   <li>{@code deadline} - total time budget of one call, retries included, in ms (default 800)</li>
 *   <li>{@code ca} - PEM file of the certificate authority (or authorities) the service's certificate must chain
 *       to; required for an {@code https://} url, the only certificates trusted (host name verified too)</li>
 * </ul>
 * A plain {@code http://} url is accepted only for a loopback host (127.0.0.0/8, {@code localhost}, ::1): the
 * token must not cross a network in clear text.
 *
 * @param url service base URL
 * @param tokenFile the token file
 * @param logFile the log file, or null
 * @param deadline total time budget
 * @param ca the CA file for https, or null for a loopback http url
 */
public record ClientConfig(URI url, Path tokenFile, Path logFile, Duration deadline, Path ca) {
    /** The configuration file used when {@value #FILE_ENV} is not set. */
    public static final String DEFAULT_FILE = "/etc/elastic-slurm/client.conf";
    /** Environment variable naming another configuration file. */
    public static final String FILE_ENV = "ELASTIC_SLURM_CLIENT_CONF";

    /** Which file to read for this environment. */
    public static Path location(Map<String, String> env) {
        String override = env.get(FILE_ENV);
        return Path.of(override != null && !override.isBlank() ? override : DEFAULT_FILE);
    }

    /**
     * Reads a configuration file.
     *
     * @throws IllegalArgumentException naming the file and the bad key
     * @throws IOException when it cannot be read
     */
    public static ClientConfig read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return of(p, file);
    }

    /**
     * Checks a configuration text by the rules of {@link #read} (for an installer, before it writes the file).
     *
     * @param file the file it is meant for, named in messages
     * @throws IllegalArgumentException naming the file and the bad key
     */
    static ClientConfig parse(String text, Path file) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return of(p, file);
    }

    private static ClientConfig of(Properties p, Path file) {
        String url = p.getProperty("url", "").strip();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(file + ": url: an http:// or https:// URL is required (got \"" + url + "\")");
        }
        String token = p.getProperty("token-file", "/etc/elastic-slurm/token").strip();
        String log = p.getProperty("log-file", "/var/log/elastic-slurm/hooks.log").strip();
        String deadline = p.getProperty("deadline", "800").strip();
        if (!token.startsWith("/")) {
            throw new IllegalArgumentException(file + ": token-file: an absolute path is required (got \"" + token + "\")");
        }
        if (!log.equals("none") && !log.startsWith("/")) {
            throw new IllegalArgumentException(file + ": log-file: an absolute path or none is required (got \"" + log + "\")");
        }
        if (!deadline.matches("\\d{1,6}")) {
            throw new IllegalArgumentException(file + ": deadline: milliseconds as a number are required (got \"" + deadline + "\")");
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(file + ": url: not a URL (" + e.getMessage() + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(file + ": url: a host is required (got \"" + url + "\")");
        }
        String ca = p.getProperty("ca", "").strip();
        boolean https = url.startsWith("https://");
        if (!https && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException(file + ": url: plain http:// is allowed only to a loopback address"
                    + " (127.0.0.0/8, localhost, ::1), not to " + uri.getHost()
                    + ": the token would cross the network unencrypted; use https:// and set ca=");
        }
        if (https && ca.isEmpty()) {
            throw new IllegalArgumentException(file + ": ca: required for an https:// url (the PEM file of the CA"
                    + " that signed the service's certificate, e.g. ca=/etc/elastic-slurm/ca.pem)");
        }
        if (!ca.isEmpty() && !ca.startsWith("/")) {
            throw new IllegalArgumentException(file + ": ca: an absolute path is required (got \"" + ca + "\")");
        }
        return new ClientConfig(uri, Path.of(token), log.equals("none") ? null : Path.of(log),
                Duration.ofMillis(Long.parseLong(deadline)), ca.isEmpty() ? null : Path.of(ca));
    }

    /** Loopback by its literal form only: no name is resolved (a resolver could point a name anywhere). */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}

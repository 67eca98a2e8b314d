package org.elasticslurm.provisioner.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;

/**
 * The program behind Slurm's ResumeProgram / SuspendProgram / ResumeFailProgram:
 * {@code HookMain resume|suspend|resume-fail <hostlist>} posts the hostlist (and for resume the
 * SLURM_RESUME_FILE JSON) to the provisioner and exits, never waiting for machines. {@code HookMain install ...}
 * installs the hook programs (see {@link Install}).
 *
 * <p>Exit status: 0 accepted (a reply of the service's shape, one operation per node); 2 refused as invalid (bad
 * hostlist, not CLOUD nodes); 3 authentication failed; 4 service unreachable, failing or answering something
 * that is not the service's reply within the deadline; 5 TLS verification failed (the service's certificate is
 * expired, not signed by a CA of the {@code ca} file, or does not name the url's host; not retried); 64 usage
 * or configuration error (an untrusted client.conf, token or ca file, see {@link TrustedFile}; plain http to a
 * host that is not loopback; https without {@code ca}).
 */
public final class HookMain {
    static final int OK = 0;
    static final int INVALID = 2;
    static final int AUTH = 3;
    static final int UNAVAILABLE = 4;
    static final int TLS = 5;
    static final int USAGE = 64;
    private static final int MAX_RESUME_FILE = 1 << 20;

    private HookMain() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("install")) {
            System.exit(Install.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        System.exit(run(args, System.getenv(), System.err));
    }

    /**
     * One hook call as {@link #main} makes it, without exiting.
     *
     * @param args {@code resume|suspend|resume-fail <hostlist>}
     * @param env the environment (client.conf override, SLURM_RESUME_FILE)
     * @param err where errors are written besides the log
     * @return the exit status (see the class comment)
     */
    public static int run(String[] args, Map<String, String> env, PrintStream err) {
        Instant start = Instant.now();
        if (args.length != 2 || Action.of(args[0]) == null) {
            err.println("usage: HookMain resume|suspend|resume-fail <hostlist>   (or: HookMain install --help)");
            return USAGE;
        }
        Action action = Action.of(args[0]);
        String hostlist = args[1];
        Path confFile = ClientConfig.location(env);
        ClientConfig config;
        String token;
        SSLSocketFactory tls = null;
        try {
            TrustedFile.check(confFile, "client configuration");
            config = ClientConfig.read(confFile);
            if (config.ca() != null) {
                TrustedFile.check(config.ca(), "ca");
                tls = ServerTrust.from(config.ca());
            }
            TrustedFile.check(config.tokenFile(), "token-file");
            token = readToken(config.tokenFile());
        } catch (IOException | IllegalArgumentException e) {
            report(null, err, "slurm-" + action.path + " " + hostlist + ": configuration " + confFile + ": " + e.getMessage());
            return USAGE;
        }
        HookLog log = new HookLog(config.logFile(), err, token);
        String resumeFile = action == Action.RESUME ? resumeFile(env, log) : null;
        String body = "{\"nodes\":" + Json.quote(hostlist) + "}";
        Instant deadline = start.plus(config.deadline());
        URI uri = config.url().resolve("/v1/" + action.path);
        String what = "slurm-" + action.path + " " + hostlist;
        Outcome o;
        Endpoint to = new Endpoint(uri, tls, config.ca());
        if (resumeFile == null) {
            o = post(to, token, body, hostlist, deadline);
        } else {
            // the file first: should it smuggle in a "nodes" key, the argument's (last) one still wins
            o = post(to, token, "{\"resumeFile\":" + resumeFile + "," + body.substring(1), hostlist, deadline);
            if (o.kind == Kind.INVALID && o.status == 400) {
                // the hostlist argument is the contract, the file is advice: resume without it
                log.error(what + ": the provisioner refused SLURM_RESUME_FILE (" + o.detail
                        + "); posting the hostlist alone");
                o = post(to, token, body, hostlist, deadline);
            }
        }
        switch (o.kind) {
            case ACCEPTED -> log.info(what + ": accepted (" + o.detail + ")");
            case INVALID -> log.error(what + ": refused by the provisioner: " + o.detail);
            case AUTH -> log.error(what + ": authentication failed (check that " + config.tokenFile()
                    + " holds the token of the service's provisioner.token-file): " + o.detail);
            case TLS -> log.error(what + ": TLS verification of " + config.url() + " failed: " + o.detail);
            default -> log.error(what + ": provisioner at " + config.url() + " not reachable within "
                    + config.deadline().toMillis() + " ms: " + o.detail);
        }
        return switch (o.kind) {
            case ACCEPTED -> OK;
            case INVALID -> INVALID;
            case AUTH -> AUTH;
            case UNAVAILABLE -> UNAVAILABLE;
            case TLS -> TLS;
        };
    }

    private static String readToken(Path file) throws IOException {
        String t = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("token-file " + file + " is empty");
        }
        return t;
    }

    private static String resumeFile(Map<String, String> env, HookLog log) {
        String name = env.get("SLURM_RESUME_FILE");
        if (name == null || name.isBlank()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(name))) {
            byte[] data = in.readNBytes(MAX_RESUME_FILE + 1);
            String json = new String(data, StandardCharsets.UTF_8).strip();
            if (data.length > MAX_RESUME_FILE || !json.startsWith("{") || !json.endsWith("}")) {
                log.error("SLURM_RESUME_FILE " + name + " is not a JSON object of at most 1 MiB; not forwarded");
                return null;
            }
            return json;
        } catch (IOException e) {
            log.error("SLURM_RESUME_FILE " + name + " cannot be read (" + e.getMessage() + "); not forwarded");
            return null;
        }
    }

    private static Outcome post(Endpoint to, String token, String body, String hostlist, Instant deadline) {
        long backoff = 50;
        String last = "no attempt";
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.toMillis() < 20) {
                return new Outcome(Kind.UNAVAILABLE, last);
            }
            try {
                HttpPost.Reply r = HttpPost.send(to.uri, to.tls, token, body, min(left, Duration.ofMillis(250)), left);
                int s = r.status();
                String text = Json.errorText(r.body());
                if (s == 202 || s == 200) {
                    String wrong = ServiceReply.problem(hostlist, r.body());
                    if (wrong == null) {
                        return new Outcome(Kind.ACCEPTED, Json.count(r.body(), "\"id\"") + " operations");
                    }
                    last = "HTTP " + s + " but not the provisioner's answer: " + wrong;
                } else if (s == 401 || s == 403) {
                    return new Outcome(Kind.AUTH, "HTTP " + s + ": " + text);
                } else if (s >= 400 && s < 500) {
                    return new Outcome(Kind.INVALID, s, "HTTP " + s + ": " + text);
                } else {
                    last = "HTTP " + s + ": " + text;
                }
            } catch (SSLHandshakeException e) {
                // a certificate that fails now fails on every retry; a cut connection is retried below
                if (!isClosedDuringHandshake(e)) {
                    return new Outcome(Kind.TLS, TlsFailure.describe(e, to.uri.getHost(), to.ca));
                }
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
            }
            long sleep = Math.min(backoff, Duration.between(Instant.now(), deadline).toMillis() - 20);
            if (sleep <= 0) {
                return new Outcome(Kind.UNAVAILABLE, last);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(Kind.UNAVAILABLE, "interrupted");
            }
            backoff *= 2;
        }
    }

    private static boolean isClosedDuringHandshake(SSLHandshakeException e) {
        String m = String.valueOf(e.getMessage());
        return e.getCause() instanceof java.io.EOFException || m.contains("closed") && !m.contains("certificate");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void report(Path logFile, PrintStream err, String message) {
        new HookLog(logFile, err).error(message);
    }

    private enum Kind { ACCEPTED, INVALID, AUTH, UNAVAILABLE, TLS }

    private record Endpoint(URI uri, SSLSocketFactory tls, Path ca) {
    }

    private record Outcome(Kind kind, int status, String detail) {
        Outcome(Kind kind, String detail) {
            this(kind, 0, detail);
        }
    }

    private enum Action {
        RESUME("resume"), SUSPEND("suspend"), RESUME_FAIL("resume-fail");

        final String path;

        Action(String path) {
            this.path = path;
        }

        static Action of(String name) {
            for (Action a : values()) {
                if (a.path.equals(name)) {
                    return a;
                }
            }
            return null;
        }
    }
}

package org.elasticslurm.fake.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces of a test's own, {@code esl-ft-PID-ctl} and {@code esl-ft-PID-node}, joined by a veth pair
 * with 10.78.S.1/24 and 10.78.S.2/24 (S from the pid), loopback up in both; the addresses exist only inside them.
 * Processes are started inside with {@code ip netns exec}. {@link #close()} kills every process started here by
 * pid (with its descendants) and deletes the namespaces, which removes the veth pair.
 */
final class NamespacePair implements AutoCloseable {

    /**
     * A finished command.
     *
     * @param exit   its exit status
     * @param stdout its standard output
     * @param stderr its standard error
     */
    record Output(int exit, String stdout, String stderr) {
    }

    private final Path ip;
    private final Path scratch;
    private final String ctl;
    private final String node;
    private final String subnet;
    private final List<String> created = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private int outputs;

    private NamespacePair(Path ip, Path scratch, long pid) {
        this.ip = ip;
        this.scratch = scratch;
        this.ctl = "esl-ft-" + pid + "-ctl";
        this.node = "esl-ft-" + pid + "-node";
        this.subnet = "10.78." + (pid % 250 + 1);
    }

    /**
     * Creates the namespaces and the link; on failure removes what was made.
     *
     * @param scratch where the output of commands is kept
     */
    static NamespacePair create(Path ip, Path scratch) {
        NamespacePair pair = new NamespacePair(ip, scratch, ProcessHandle.current().pid());
        try {
            pair.setUp();
            return pair;
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    private void setUp() {
        for (String ns : List.of(ctl, node)) {
            ip("netns", "add", ns);
            created.add(ns);
        }
        ip("-n", ctl, "link", "add", "veth-ctl", "type", "veth", "peer", "name", "veth-node", "netns", node);
        ip("-n", ctl, "addr", "add", ctlAddress() + "/24", "dev", "veth-ctl");
        ip("-n", node, "addr", "add", nodeAddress() + "/24", "dev", "veth-node");
        for (String[] link : List.of(new String[] {ctl, "veth-ctl"}, new String[] {node, "veth-node"},
                new String[] {ctl, "lo"}, new String[] {node, "lo"})) {
            ip("-n", link[0], "link", "set", link[1], "up");
        }
    }

    String ctlNamespace() {
        return ctl;
    }

    String nodeNamespace() {
        return node;
    }

    String ctlAddress() {
        return subnet + ".1";
    }

    String nodeAddress() {
        return subnet + ".2";
    }

    /** Starts a command inside a namespace with exactly this environment; output to files in the scratch dir. */
    Started start(String namespace, List<String> command, Map<String, String> env) {
        List<String> full = new ArrayList<>(List.of(ip.toString(), "netns", "exec", namespace));
        full.addAll(command);
        int n = ++outputs;
        Path out = scratch.resolve("cmd-" + n + ".out");
        Path err = scratch.resolve("cmd-" + n + ".err");
        ProcessBuilder b = new ProcessBuilder(full).directory(scratch.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        b.environment().clear();
        b.environment().putAll(env);
        try {
            Process p = b.start();
            started.add(p);
            return new Started(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + full, e);
        }
    }

    /** Runs a command inside a namespace and waits for it (killed and failed after {@code limit}). */
    Output run(String namespace, List<String> command, Map<String, String> env, Duration limit) {
        return start(namespace, command, env).await(limit);
    }

    /** A process started inside a namespace. */
    record Started(Process process, Path stdout, Path stderr) {

        /** Waits for its end; kills it and fails when it runs longer than {@code limit}. */
        Output await(Duration limit) {
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(process);
                    throw new IllegalStateException(process.info().commandLine().orElse("a command")
                            + " did not end within " + limit + "; stderr: " + read(stderr));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill(process);
                throw new IllegalStateException("interrupted", e);
            }
            return new Output(process.exitValue(), read(stdout), read(stderr));
        }
    }

    private void ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ip.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process p = b.start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                kill(p);
                throw new IllegalStateException(command + " did not end within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with status " + p.exitValue() + ": " + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    @Override
    public void close() {
        started.forEach(NamespacePair::kill);
        List<String> failures = new ArrayList<>();
        for (String ns : created) {
            try {
                ip("netns", "del", ns);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        created.clear();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cannot delete the namespaces: " + failures);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

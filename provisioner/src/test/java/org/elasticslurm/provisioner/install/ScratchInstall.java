package org.elasticslurm.provisioner.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The release tarball of this build installed by its own install.sh into a scratch root (a directory standing
 * for /), and commands run in it as a given user with a given environment (via util-linux' setpriv).
 */
final class ScratchInstall implements AutoCloseable {
    final Path base;
    final Path root;
    private Path release;

    /** A command's outcome. */
    record Run(int exit, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    private ScratchInstall(Path base) {
        this.base = base;
        this.root = base.resolve("root");
    }

    /** Extracts the release tarball of target/ and runs its install.sh --root. */
    static ScratchInstall install(Path target) throws IOException, InterruptedException {
        Path tarball;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(target, "provisioner-*-release.tar.gz")) {
            List<Path> found = new ArrayList<>();
            d.forEach(found::add);
            if (found.size() != 1) {
                throw new IllegalStateException("expected one release tarball in " + target + " (mvn package), found "
                        + found);
            }
            tarball = found.get(0);
        }
        ScratchInstall s = scratch();
        s.check(s.run(List.of("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", s.base.toString()), Map.of()));
        Path release;
        try (DirectoryStream<Path> d = Files.newDirectoryStream(s.base, "elastic-slurm-provisioner-*")) {
            release = d.iterator().next();
        }
        s.release = release;
        s.reinstall();
        return s;
    }

    /**
     * An empty scratch directory (base, with an empty root) under /tmp, not @TempDir: the service's user must be
     * able to traverse it. Nothing is installed; {@link #close()} removes it.
     */
    static ScratchInstall scratch() throws IOException {
        Path base = Files.createTempDirectory(Path.of("/tmp"), "install-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ScratchInstall s = new ScratchInstall(base);
        Files.createDirectories(s.root);
        Files.setPosixFilePermissions(s.root, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    /** Runs install.sh of the release (again: an upgrade). */
    Run reinstall() throws IOException, InterruptedException {
        return check(run(List.of(release.resolve("install.sh").toString(), "--root", root.toString(),
                "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString()), Map.of()));
    }

    /** A path below the scratch root, given as an absolute path of the installed system ("/etc/..."). */
    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The installed command. */
    String command() {
        return path("/usr/local/bin/elastic-slurm-provisioner").toString();
    }

    /** Runs a command as root. */
    Run run(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(base, "out", ".txt");
        Path err = Files.createTempFile(base, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(
                ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(argv + " did not end within 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a command as {@code user} with exactly the environment {@code env} (nothing inherited). */
    Run runAs(String user, Map<String, String> env, List<String> argv) throws IOException, InterruptedException {
        return run(asUser(user, user, env, argv), Map.of());
    }

    /** The argv running {@code argv} as user and group with only {@code env}, without new privileges. */
    static List<String> asUser(String user, String group, Map<String, String> env, List<String> argv) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + user, "--regid=" + group,
                "--init-groups", "--no-new-privs", "--", "/usr/bin/env", "-i"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(argv);
        return cmd;
    }

    Run check(Run r) {
        if (r.exit() != 0) {
            throw new IllegalStateException("exit " + r.exit() + "\nstdout:\n" + r.stdout() + "\nstderr:\n" + r.stderr());
        }
        return r;
    }

    /** The [Service] settings of a systemd unit file, in order; repeated keys keep every value. */
    static Map<String, List<String>> serviceSettings(Path unit) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        boolean service = false;
        for (String line : Files.readAllLines(unit)) {
            String l = line.strip();
            if (l.startsWith("[")) {
                service = l.equals("[Service]");
            } else if (service && !l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                int eq = l.indexOf('=');
                settings.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
            }
        }
        return settings;
    }

    /** The Environment= settings of a unit's {@link #serviceSettings(Path) [Service] settings}, KEY to VALUE. */
    static Map<String, String> unitEnvironment(Map<String, List<String>> unit) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : unit.getOrDefault("Environment", List.of())) {
            int eq = e.indexOf('=');
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return env;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

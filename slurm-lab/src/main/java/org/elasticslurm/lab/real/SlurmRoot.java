package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A minimal Debian root that holds the real Slurm daemons and commands of one version, as
 * {@code ci/slurm-root.sh SUITE} builds them under {@code /var/cache/elastic-slurm-lab/roots/SUITE-HASH}
 * (or {@code $ELASTIC_SLURM_ROOTS/SUITE-HASH}). {@link RootCommands} runs its commands.
 *
 * @param version the Slurm version of the root, e.g. {@code 24.11}
 * @param suite   the Debian suite it was built from, e.g. {@code trixie}
 * @param path    the root directory
 */
public record SlurmRoot(String version, String suite, Path path) {

    /** Where {@code ci/slurm-root.sh} puts the roots unless {@value #BASE_ENV} says otherwise. */
    public static final Path DEFAULT_BASE = Path.of("/var/cache/elastic-slurm-lab/roots");
    /** The environment variable that moves the roots, read by {@code ci/slurm-root.sh} too. */
    public static final String BASE_ENV = "ELASTIC_SLURM_ROOTS";
    /** The versions a root can give, with the Debian suite that ships each. */
    static final Map<String, String> SUITES = suites();

    private static Map<String, String> suites() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("24.11", "trixie");
        m.put("26.05", "forky");
        return java.util.Collections.unmodifiableMap(m);
    }

    public SlurmRoot {
        if (!SUITES.containsKey(version) || !SUITES.get(version).equals(suite)) {
            throw new IllegalArgumentException("no root of Slurm '" + version + "' from suite '" + suite
                    + "': the roots are " + SUITES);
        }
        path = path.toAbsolutePath().normalize();
    }

    /** The versions a root can give ({@code 24.11}, {@code 26.05}). */
    public static List<String> versions() {
        return List.copyOf(SUITES.keySet());
    }

    /** The roots' directory: {@value #BASE_ENV} from {@code env} if set, else {@link #DEFAULT_BASE}. */
    public static Path base(Map<String, String> env) {
        String dir = env.get(BASE_ENV);
        return dir == null || dir.isBlank() ? DEFAULT_BASE : Path.of(dir);
    }

    /** The command that builds the root of {@code version}: {@code ci/slurm-root.sh SUITE} (as root). */
    public static String buildCommand(String version) {
        return "ci/slurm-root.sh " + suite(version);
    }

    /**
     * The complete root of {@code version} under {@code base}: a directory {@code SUITE-*} with
     * {@code usr/sbin/slurmctld}; of several (older recipes), the newest. A root being built (a hidden temporary
     * directory) is never taken.
     *
     * @throws IllegalArgumentException for a version no root gives, naming the known ones
     */
    public static Optional<SlurmRoot> find(String version, Path base) {
        String suite = suite(version);
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(suite + "-"))
                    .filter(d -> Files.exists(d.resolve("usr/sbin/slurmctld"), LinkOption.NOFOLLOW_LINKS))
                    .max(Comparator.comparing(SlurmRoot::modified))
                    .map(d -> new SlurmRoot(version, suite, d));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Slurm roots in " + base, e);
        }
    }

    /**
     * As {@link #find} but refuses a missing root with the command that builds it.
     *
     * @throws IllegalStateException when there is no root of {@code version} under {@code base}
     */
    public static SlurmRoot require(String version, Path base) {
        return find(version, base).orElseThrow(() -> new IllegalStateException("no Slurm " + version + " root ("
                + suite(version) + "-*) in " + base + "; build it with 'sudo " + buildCommand(version) + "'"));
    }

    /** Where {@code name} is in the root, as the root sees it: {@code /usr/sbin/NAME} or {@code /usr/bin/NAME}. */
    public String executable(String name) {
        return Files.exists(path.resolve("usr/sbin").resolve(name), LinkOption.NOFOLLOW_LINKS)
                ? "/usr/sbin/" + name : "/usr/bin/" + name;
    }

    private static String suite(String version) {
        String suite = SUITES.get(version);
        if (suite == null) {
            throw new IllegalArgumentException("no root gives Slurm '" + version + "': known are "
                    + String.join(", ", SUITES.keySet()));
        }
        return suite;
    }

    private static FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}

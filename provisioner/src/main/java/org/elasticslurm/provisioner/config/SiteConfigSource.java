package org.elasticslurm.provisioner.config;

import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The site's configuration file, {@value #DEFAULT_FILE} (another file: environment variable {@value #FILE_ENV}
 * or system property {@value #FILE_PROPERTY}; {@code none} reads no file). Its keys override the built-in
 * {@code application.properties} and {@code config/application.properties} (ordinal {@value #ORDINAL}); environment
 * variables and {@code -D} system properties override it. A missing file at the default path means "defaults
 * only"; a file named explicitly must exist.
 */
public final class SiteConfigSource extends PropertiesConfigSource {
    /** Where the service reads its configuration when nothing else is named. */
    public static final String DEFAULT_FILE = "/etc/elastic-slurm/provisioner.properties";
    /** Environment variable naming another file. */
    public static final String FILE_ENV = "ELASTIC_SLURM_CONFIG";
    /** System property naming another file (wins over the environment variable). */
    public static final String FILE_PROPERTY = "elastic-slurm.config";
    /** Above application.properties (250) and config/application.properties (260), below the environment (300). */
    public static final int ORDINAL = 270;

    /** The file chosen by the process' system properties and environment. */
    public SiteConfigSource() {
        this(location(System.getProperty(FILE_PROPERTY), System.getenv(FILE_ENV)));
    }

    private SiteConfigSource(Location where) {
        super(read(where), "site configuration " + where.file(), ORDINAL);
    }

    /** Which file to read: {@code null} file = none ({@code none} given). */
    public record Location(Path file, boolean explicit) {
    }

    /** The file named by a system property value, else an environment value, else the default. */
    public static Location location(String property, String env) {
        String named = property != null && !property.isBlank() ? property : env;
        if (named == null || named.isBlank()) {
            return new Location(Path.of(DEFAULT_FILE), false);
        }
        return new Location(named.strip().equals("none") ? null : Path.of(named.strip()), true);
    }

    /**
     * The key/value pairs of the file.
     *
     * @throws UncheckedIOException naming the file when an explicitly named file is missing or any file cannot
     *         be read
     */
    public static Map<String, String> read(Location where) {
        Map<String, String> values = new HashMap<>();
        if (where.file() == null || !where.explicit() && !Files.exists(where.file())) {
            return values;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(where.file(), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("site configuration " + where.file() + " cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); it is named by " + FILE_ENV + ", "
                    + FILE_PROPERTY + " or is the default " + DEFAULT_FILE, e);
        }
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
        return values;
    }
}

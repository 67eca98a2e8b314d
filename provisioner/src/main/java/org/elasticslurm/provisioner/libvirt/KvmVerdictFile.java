package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.elasticslurm.conf.io.AtomicFiles;

/**
 * A KVM verdict with the conditions it was found under, kept in a properties file. The file is replaced as a whole
 * (written beside it, then moved over it), so a reader sees the old or the new verdict, never a mix.
 */
final class KvmVerdictFile {
    private static final String USABLE = "usable";
    private static final String REASON = "reason";
    private static final String PROBED_AT = "probed-at";

    /**
     * A kept verdict.
     *
     * @param usable whether KVM was usable
     * @param reason the probe's reason, as it logged it
     * @param probedAt when the probe ran
     * @param conditions what the verdict depends on ({@link KvmProbeConditions#current()})
     */
    record Kept(boolean usable, String reason, Instant probedAt, Map<String, String> conditions) {
        Kept {
            conditions = Map.copyOf(conditions);
        }
    }

    private final Path path;

    KvmVerdictFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * The kept verdict; empty when there is no file.
     *
     * @throws IOException when the file cannot be read or is not a kept verdict (the message says what is wrong)
     */
    Optional<Kept> read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> conditions = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            conditions.put(name, p.getProperty(name));
        }
        String usable = required(conditions.remove(USABLE), USABLE);
        String reason = required(conditions.remove(REASON), REASON);
        String probedAt = required(conditions.remove(PROBED_AT), PROBED_AT);
        if (!usable.equals("true") && !usable.equals("false")) {
            throw new IOException(USABLE + " must be true or false (" + usable + ")");
        }
        try {
            return Optional.of(new Kept(Boolean.parseBoolean(usable), reason, Instant.parse(probedAt), conditions));
        } catch (DateTimeParseException e) {
            throw new IOException(PROBED_AT + " must be an ISO-8601 instant (" + probedAt + ")", e);
        }
    }

    /** Replaces the file by {@code kept}; the directory is created when missing. */
    void write(Kept kept) throws IOException {
        Map<String, String> values = new TreeMap<>(kept.conditions());
        values.put(USABLE, Boolean.toString(kept.usable()));
        values.put(REASON, kept.reason());
        values.put(PROBED_AT, kept.probedAt().toString());
        StringBuilder text = new StringBuilder("# KVM probe verdict of the provisioner; used again only while every"
                + " condition below still holds\n");
        values.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
        Files.createDirectories(path.toAbsolutePath().getParent());
        AtomicFiles.replace(path, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    private static String required(String value, String key) throws IOException {
        if (value == null) {
            throw new IOException("no " + key + " in it");
        }
        return value;
    }

    /** A value as {@link Properties#load(Reader)} reads it back unchanged. */
    private static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case ' ' -> b.append(i == 0 ? "\\ " : " ");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}

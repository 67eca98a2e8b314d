package org.elasticslurm.fake.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConf;

/**
 * The key/value lines of {@code scontrol show config}: 22.05's keys in its order with its defaults (a table
 * recorded from the real daemon), the values set in slurm.conf, and what only the running daemon knows.
 */
final class ConfigReport {

    private static final String TABLE = "show-config-22.05.tsv";
    private static final String[] UNITS = {" sec", " min", " nodes/min", " percent", " usec"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /**
     * One line.
     *
     * @param key   the key as shown
     * @param value the value as shown
     */
    record Entry(String key, String value) {
    }

    private final List<Entry> defaults;

    ConfigReport() {
        this.defaults = load();
    }

    /**
     * The lines for a configuration.
     *
     * @param conf       the configuration in force
     * @param confPath   the SLURM_CONF the daemon read
     * @param bootTime   when the daemon started
     * @param nextJobId  the id the next job gets
     */
    List<Entry> entries(SlurmConf conf, String confPath, Instant bootTime, long nextJobId) {
        List<Entry> out = new ArrayList<>(defaults.size());
        for (Entry d : defaults) {
            out.add(new Entry(d.key(), value(d, conf, confPath, bootTime, nextJobId)));
        }
        return out;
    }

    private static String value(Entry d, SlurmConf conf, String confPath, Instant bootTime, long nextJobId) {
        switch (d.key()) {
            case "BOOT_TIME":
                return TIME.format(bootTime);
            case "NEXT_JOB_ID":
                return Long.toString(nextJobId);
            case "SLURM_CONF":
                return confPath;
            case "MaxNodeCount":
                return Integer.toString(conf.nodes().size());
            case "SlurmctldHost[0]":
                return conf.parameter("SlurmctldHost").or(() -> conf.parameter("ControlMachine")).orElse("(null)");
            case "SlurmUser":
            case "SlurmdUser":
                return conf.parameter(d.key()).map(ConfigReport::userWithId).orElse(d.value());
            default:
                break;
        }
        Optional<String> set = conf.parameter(d.key());
        if (set.isEmpty()) {
            return d.value();
        }
        String v = set.get();
        for (String unit : UNITS) {
            if (d.value().endsWith(unit) && v.matches("-?\\d+")) {
                return v + unit;
            }
        }
        if (d.key().equals("SuspendTime") && v.matches("\\d+")) {
            return v + " sec";
        }
        return v;
    }

    private static String userWithId(String user) {
        return user.equals("root") ? "root(0)" : user;
    }

    private static List<Entry> load() {
        try (InputStream in = ConfigReport.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TABLE + " is missing from the jar");
            }
            List<Entry> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.add(new Entry(line.substring(0, tab), line.substring(tab + 1)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
    }
}

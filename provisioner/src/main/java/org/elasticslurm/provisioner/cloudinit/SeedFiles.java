package org.elasticslurm.provisioner.cloudinit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The rules for further files on a NoCloud seed ({@code seed-files."<name>"=<path>}). */
public final class SeedFiles {
    /** The names cloud-init reads itself. */
    public static final Set<String> RESERVED = Set.of("meta-data", "user-data", "network-config", "vendor-data");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final int MAX_NAME = 64;

    private SeedFiles() {
    }

    /**
     * Every problem of a set of seed files, each naming the file and the rule; empty when they are usable.
     *
     * @param key the configuration key they came from (for the messages), e.g.
     *            {@code provisioner.pools.cloud.seed-files}
     */
    public static List<String> problems(String key, Map<String, Path> files) {
        List<String> p = new ArrayList<>();
        new TreeMap<>(files).forEach((name, path) -> {
            String k = key + ".\"" + name + "\"";
            if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
                p.add(k + ": a seed file name uses letters, digits, '.', '_' and '-', does not start with '.' or"
                        + " '-', at most " + MAX_NAME + " characters");
            } else if (RESERVED.contains(name)) {
                p.add(k + ": " + name + " is a cloud-init file of the seed itself (reserved: " + RESERVED.stream().sorted()
                        .toList() + ")");
            }
            if (!path.isAbsolute()) {
                p.add(k + ": must be an absolute path (" + path + ")");
            } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                p.add(k + ": " + path + " is not a readable regular file");
            }
        });
        return p;
    }
}

package org.elasticslurm.provisioner.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches of one command, checked against what it knows. */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Options() {
    }

    /**
     * Parses options.
     *
     * @throws IllegalArgumentException naming an unknown option or one without its value
     */
    static Options parse(List<String> args, Set<String> valued, Set<String> flags) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name != null && flags.contains(name)) {
                o.values.put(name, "");
            } else if (name != null && valued.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                o.values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (options: " + describe(valued, flags) + ")");
            }
        }
        return o;
    }

    private static String describe(Set<String> valued, Set<String> flags) {
        StringBuilder b = new StringBuilder();
        valued.stream().sorted().forEach(v -> b.append(b.isEmpty() ? "" : " ").append("--").append(v).append(" VALUE"));
        flags.stream().sorted().forEach(f -> b.append(b.isEmpty() ? "" : " ").append("--").append(f));
        return b.isEmpty() ? "none" : b.toString();
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}

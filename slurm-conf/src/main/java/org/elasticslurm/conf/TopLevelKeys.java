package org.elasticslurm.conf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rule for top-level {@code Key=Value} lines of one Slurm version, with that version's data: the keys it
 * knows (an unknown one stops slurmctld: {@code Parsing error at unrecognized key: KEY}), the keys it reads only
 * to refuse or ignore (removed options), the plugins of the plugin keys it loads at start (a missing one stops
 * it), and the flag values of flag keys (an unknown flag is logged and the key is not applied as written).
 * The data of a version lives beside this class ({@link TopLevelKeys2205}; a later version as what changed
 * since the one before, {@link TopLevelKeys2411}, {@link TopLevelKeys2605}); {@link #forVersion} picks it.
 */
final class TopLevelKeys {

    /** What the daemon does with a removed key's value: stop ({@code fatal}) or log and go on. */
    record Verdict(boolean fatal, String message) {
        static Verdict fatal(String message) {
            return new Verdict(true, message);
        }

        static Verdict ignored(String message) {
            return new Verdict(false, message);
        }
    }

    /**
     * A key naming a plugin (or a comma-separated list of them) that slurmctld loads at start.
     *
     * @param key the key
     * @param type the plugin type ({@code auth} for {@code auth/munge})
     * @param list whether the value is a comma-separated list
     * @param missing the daemon's message for a missing plugin, {@code %s} being the plugin
     * @param stops the daemon's fatal line after it, or empty when {@code missing} is itself fatal
     * @param names the plugins of the version, without the type prefix
     */
    record Plugins(String key, String type, boolean list, String missing, String stops, List<String> names) {
    }

    /**
     * A key whose value is a comma-separated list of flags.
     *
     * @param invalid the daemon's message for an unknown flag, {@code %s} being the flag
     * @param flags the flags the message names
     * @param accepts whether the daemon takes one flag as written
     */
    record Flags(String invalid, List<String> flags, Predicate<String> accepts) {
        /** Flags matched whole, without regard to case. */
        Flags(String invalid, List<String> flags) {
            this(invalid, flags, flag -> flags.stream().anyMatch(flag::equalsIgnoreCase));
        }
    }

    /**
     * The version's defaults for keys a rule reads when they are not written.
     *
     * @param treeWidth TreeWidth when not written, or written as 0 ({@code scontrol show config}: 50 on 22.05,
     *                  16 on 24.11 and 26.05)
     */
    record Defaults(int treeWidth) {
    }

    private final SlurmVersion version;
    private final KnownKeys.Table keys;
    private final Map<String, Function<String, Optional<Verdict>>> removed;
    private final Map<String, Plugins> plugins;
    private final Map<String, Flags> flags;
    private final Defaults defaults;

    TopLevelKeys(SlurmVersion version, KnownKeys.Table keys, Map<String, Function<String, Optional<Verdict>>> removed,
                 List<Plugins> plugins, Map<String, Flags> flags, Defaults defaults) {
        this.version = version;
        this.keys = keys;
        this.removed = Map.copyOf(removed);
        this.plugins = plugins.stream().collect(Collectors.toUnmodifiableMap(p -> KnownKeys.lower(p.key()), p -> p));
        this.flags = flags.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> KnownKeys.lower(e.getKey()), Map.Entry::getValue));
        this.defaults = defaults;
    }

    /**
     * A later version's rules as this version's with what changed: keys added, keys it no longer knows (an
     * unknown key to it), and its own removed-key verdicts, plugins, flag keys (added to the earlier version's)
     * and defaults.
     */
    TopLevelKeys next(SlurmVersion later, List<KnownKeys.Key> added, Set<String> dropped,
                      Map<String, Function<String, Optional<Verdict>>> removedKeys, List<Plugins> laterPlugins,
                      Map<String, Flags> laterFlags, Defaults laterDefaults) {
        Map<String, Plugins> byKey = new LinkedHashMap<>(plugins);
        laterPlugins.forEach(p -> byKey.put(KnownKeys.lower(p.key()), p));
        Map<String, Flags> flagsByName = new LinkedHashMap<>(flags);
        laterFlags.forEach((k, f) -> flagsByName.put(KnownKeys.lower(k), f));
        return new TopLevelKeys(later, keys.with(added, dropped), removedKeys, List.copyOf(byKey.values()),
                flagsByName, laterDefaults);
    }

    /** The rules of a version, from its own data ({@link TopLevelKeys2205}, {@link TopLevelKeys2411}, ...). */
    static TopLevelKeys forVersion(SlurmVersion version) {
        return switch (version) {
            case V22_05 -> TopLevelKeys2205.KEYS;
            case V24_11 -> TopLevelKeys2411.KEYS;
            case V26_05 -> TopLevelKeys2605.KEYS;
        };
    }

    /** The version's defaults. */
    Defaults defaults() {
        return defaults;
    }

    /** A known key of the version, or empty. */
    Optional<KnownKeys.Key> find(String key) {
        return keys.find(key);
    }

    /**
     * Checks one top-level pair: known key, value of its type, not removed, plugins present, flags known.
     *
     * @param warnings where what the daemon logs and goes on with is added
     * @throws SlurmConfException for what stops the daemon
     */
    void check(ConfEntry entry, List<ConfWarning> warnings) {
        KnownKeys.Key key = keys.find(entry.key()).orElseThrow(() -> new SlurmConfException(entry.location(),
                entry.asWritten(), "Parsing error at unrecognized key: " + entry.key() + " (slurmctld " + version
                        + " has no such key and stops: \"Unable to process configuration file\""
                        + knownElsewhere(entry.key()) + ")", null));
        try {
            ConfValues.check(key.type(), key.name(), entry.value());
        } catch (ConfValues.BadValue bad) {
            throw new SlurmConfException(entry.location(), entry.asWritten(), bad.getMessage(), bad);
        }
        String lower = KnownKeys.lower(key.name());
        Optional<Verdict> verdict = Optional.ofNullable(removed.get(lower)).flatMap(f -> f.apply(entry.value()));
        if (verdict.isPresent()) {
            if (verdict.get().fatal()) {
                throw new SlurmConfException(entry.location(), entry.asWritten(), verdict.get().message()
                        + " (slurmctld " + version + " stops)", null);
            }
            warnings.add(new ConfWarning(entry.location(), verdict.get().message()));
        }
        Optional.ofNullable(plugins.get(lower)).ifPresent(p -> checkPlugins(p, entry));
        Optional.ofNullable(flags.get(lower)).ifPresent(f -> checkFlags(f, entry, warnings));
    }

    /** {@code ; a key of Slurm 24.11, 26.05} when other versions know the key, else empty. */
    private String knownElsewhere(String key) {
        List<String> others = Arrays.stream(SlurmVersion.values()).filter(v -> v != version)
                .filter(v -> forVersion(v).find(key).isPresent()).map(SlurmVersion::label).toList();
        return others.isEmpty() ? "" : "; a key of Slurm " + String.join(", ", others);
    }

    private void checkPlugins(Plugins p, ConfEntry entry) {
        List<String> values = p.list() ? Arrays.asList(entry.value().split(",")) : List.of(entry.value());
        for (String value : values) {
            String prefix = p.type() + "/";
            if (value.isEmpty() || value.startsWith(prefix) && p.names().contains(value.substring(prefix.length()))) {
                continue;
            }
            String stops = p.stops().isEmpty() ? "" : ": \"" + p.stops() + "\"";
            throw new SlurmConfException(entry.location(), entry.asWritten(), String.format(p.missing(), value)
                    + " (slurmctld " + version + " stops" + stops + "; its " + p.type() + " plugins: "
                    + p.names().stream().map(n -> prefix + n).collect(Collectors.joining(", ")) + ")", null);
        }
    }

    private void checkFlags(Flags f, ConfEntry entry, List<ConfWarning> warnings) {
        for (String flag : entry.value().split(",")) {
            if (!f.accepts().test(flag)) {
                warnings.add(new ConfWarning(entry.location(), String.format(f.invalid(), flag)
                        + " (slurmctld " + version + " knows " + String.join(", ", f.flags()) + ")"));
                return;
            }
        }
    }
}

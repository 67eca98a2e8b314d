package org.elasticslurm.scenarios.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A node state as {@code scontrol show node} prints it ({@code IDLE+CLOUD+POWERED_DOWN}): one base state and
 * a set of flags, printed in Slurm's fixed flag order. Immutable.
 */
public record NodeState(Base base, Set<Flag> flags) {

    /** Slurm's base node states. */
    public enum Base {
        DOWN("down"), IDLE("idle"), ALLOCATED("alloc"), MIXED("mix"), FUTURE("futr"), UNKNOWN("unk");

        private final String compact;

        Base(String compact) {
            this.compact = compact;
        }

        /** sinfo's compact word for the base. */
        public String compact() {
            return compact;
        }
    }

    /** Slurm's node state flags, in the order {@code scontrol} prints them. */
    public enum Flag {
        CLOUD, COMPLETING, DRAIN, DYNAMIC_FUTURE, DYNAMIC_NORM, INVALID_REG, FAIL, MAINTENANCE, POWER_DOWN, POWER_UP,
        PERFCTRS, POWERED_DOWN, REBOOT_REQUESTED, REBOOT_ISSUED, RESERVED, RESUME, NOT_RESPONDING, PLANNED,
        POWERING_UP, POWERING_DOWN
    }

    /** sinfo's one-character suffixes, by precedence (first present wins). */
    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix(Flag.MAINTENANCE, '$'), new Suffix(Flag.REBOOT_ISSUED, '^'),
            new Suffix(Flag.REBOOT_REQUESTED, '@'), new Suffix(Flag.POWERING_UP, '#'),
            new Suffix(Flag.POWERING_DOWN, '%'), new Suffix(Flag.POWERED_DOWN, '~'),
            new Suffix(Flag.POWER_DOWN, '!'), new Suffix(Flag.NOT_RESPONDING, '*'));

    private record Suffix(Flag flag, char symbol) {
    }

    public NodeState {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** A state from its base and flags. */
    public static NodeState of(Base base, Flag... flags) {
        return new NodeState(base, flags.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(flags)));
    }

    /**
     * Parses {@code BASE+FLAG+...} as scontrol prints it (flags in any order).
     *
     * @throws IllegalArgumentException naming the unknown word and the allowed ones
     */
    public static NodeState parse(String text) {
        String[] parts = text.split("\\+", -1);
        Base base = baseOf(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown base state '" + parts[0] + "'; allowed: " + names(Arrays.asList(Base.values()))));
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        for (int i = 1; i < parts.length; i++) {
            String word = parts[i];
            Flag flag = flagOf(word).orElseThrow(() -> new IllegalArgumentException(
                    "unknown state flag '" + word + "'; allowed: " + names(Arrays.asList(Flag.values()))));
            if (!flags.add(flag)) {
                throw new IllegalArgumentException("state flag " + word + " written twice");
            }
        }
        return new NodeState(base, flags);
    }

    private static Optional<Base> baseOf(String word) {
        return Arrays.stream(Base.values()).filter(b -> b.name().equals(word)).findFirst();
    }

    private static Optional<Flag> flagOf(String word) {
        return Arrays.stream(Flag.values()).filter(f -> f.name().equals(word)).findFirst();
    }

    private static String names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Whether the flag is set. */
    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /**
     * The state as {@code sinfo -o %t} shows it: {@code inval} for INVALID_REG, else the compact word
     * (drng/drain, failg/fail, comp, or the base's) plus at most one suffix by sinfo's precedence.
     */
    public String sinfo() {
        if (has(Flag.INVALID_REG)) {
            return "inval";
        }
        return compactWord() + SUFFIXES.stream().filter(s -> has(s.flag())).findFirst()
                .map(s -> String.valueOf(s.symbol())).orElse("");
    }

    private String compactWord() {
        boolean busy = base == Base.ALLOCATED || base == Base.MIXED || has(Flag.COMPLETING);
        if (has(Flag.DRAIN)) {
            return busy ? "drng" : "drain";
        }
        if (has(Flag.FAIL)) {
            return busy ? "failg" : "fail";
        }
        if (has(Flag.COMPLETING)) {
            return "comp";
        }
        return base.compact();
    }

    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        words.add(base.name());
        for (Flag f : Flag.values()) {
            if (flags.contains(f)) {
                words.add(f.name());
            }
        }
        return String.join("+", words);
    }
}

package org.elasticslurm.conf.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A node's state as Slurm 22.05 keeps it: one base state and a set of flags. Every combination renders in
 * each of Slurm's three forms: {@code scontrol show node}'s {@code State=} ({@link #toString()},
 * {@code IDLE+CLOUD+POWERED_DOWN}), sinfo's compact {@code %t} ({@link #sinfoCompact()}, {@code idle~}) and long
 * {@code %T} ({@link #sinfoLong()}, {@code idle~}, {@code allocated#}). Immutable; equal when base and flags are.
 *
 * @param base the base state
 * @param flags the flags
 */
public record NodeState(NodeBase base, Set<NodeFlag> flags) {

    /** States already read from a state word (a controller shows few distinct words; the fake asks per view). */
    private static final Map<Integer, NodeState> WORDS = new ConcurrentHashMap<>();
    private static final int WORDS_KEPT = 4096;

    public NodeState {
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /** A state from its base and flags. */
    public static NodeState of(NodeBase base, NodeFlag... flags) {
        return new NodeState(base, flags.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(flags)));
    }

    /**
     * Parses {@code BASE+FLAG+...} as {@code scontrol show node} prints it (flags accepted in any order).
     *
     * @throws IllegalArgumentException naming the unknown or repeated word and the allowed ones
     */
    public static NodeState parse(String text) {
        String[] parts = text.split("\\+", -1);
        NodeBase base = Arrays.stream(NodeBase.values()).filter(b -> b.name().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown base state '" + parts[0] + "'; allowed: "
                        + names(NodeBase.values())));
        EnumSet<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        for (int i = 1; i < parts.length; i++) {
            String word = parts[i];
            NodeFlag flag = Arrays.stream(NodeFlag.values()).filter(f -> f.name().equals(word)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown state flag '" + word + "'; allowed: "
                            + names(NodeFlag.values())));
            if (!flags.add(flag)) {
                throw new IllegalArgumentException("state flag " + word + " written twice");
            }
        }
        return new NodeState(base, flags);
    }

    /**
     * The state held in a 22.05 state word ({@code node_record.node_state}): base in the low four bits, flags
     * above; request-only bits (UNDRAIN, REBOOT_CANCEL, POWER_DRAIN) are not part of a state and are dropped.
     */
    public static NodeState ofWord(int word) {
        NodeState known = WORDS.get(word);
        if (known != null) {
            return known;
        }
        NodeState state = fromWord(word);
        if (WORDS.size() < WORDS_KEPT) {
            WORDS.putIfAbsent(word, state);
        }
        return state;
    }

    private static NodeState fromWord(int word) {
        EnumSet<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        for (NodeFlag f : NodeFlag.values()) {
            if ((word & f.bit()) != 0) {
                flags.add(f);
            }
        }
        return new NodeState(NodeBase.ofValue(word & 0xf), flags);
    }

    /** The 22.05 state word of this state. */
    public int word() {
        int word = base.value();
        for (NodeFlag f : flags) {
            word |= f.bit();
        }
        return word;
    }

    /** Whether the flag is set. */
    public boolean has(NodeFlag flag) {
        return flags.contains(flag);
    }

    /** This state with the flag set. */
    public NodeState with(NodeFlag flag) {
        EnumSet<NodeFlag> more = flags.isEmpty() ? EnumSet.noneOf(NodeFlag.class) : EnumSet.copyOf(flags);
        more.add(flag);
        return new NodeState(base, more);
    }

    /** The flag names in scontrol's fixed order (the order of {@link NodeFlag}, which the set keeps). */
    public List<String> flagNames() {
        return flags.stream().map(NodeFlag::name).toList();
    }

    /** sinfo's {@code %t} ({@code node_state_string_compact}) in lower case, e.g. {@code idle~}, {@code alloc#}. */
    public String sinfoCompact() {
        return SinfoWords.COMPACT.render(this);
    }

    /** sinfo's {@code %T} ({@code node_state_string}) in lower case, e.g. {@code idle~}, {@code allocated#}. */
    public String sinfoLong() {
        return SinfoWords.LONG.render(this);
    }

    /** scontrol's {@code State=} ({@code node_state_string_complete}): base, then {@code +FLAG} in the fixed order. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(base.name());
        for (NodeFlag flag : flags) {
            sb.append('+').append(flag.name());
        }
        return sb.toString();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}

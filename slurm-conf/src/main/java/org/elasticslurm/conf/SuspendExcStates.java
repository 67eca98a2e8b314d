package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.elasticslurm.conf.state.NodeFlag;

/**
 * SuspendExcStates (a key of Slurm 24.11 and 26.05; 22.05 has no such key and stops) as slurmctld reads it when
 * power saving starts ({@code _parse_exc_states}): a comma-separated list of node states whose idle nodes are not
 * suspended for idleness. Measured the same on Debian's slurmctld 24.11.5 and 26.05.5 ({@code
 * SuspendExcStates=down,bogus,perfctrs,dr} with DebugFlags=Power): {@code error: Invalid SuspendExcState bogus},
 * {@code error: Invalid SuspendExcState perfctrs}, {@code POWER: suspend_exc_down=1
 * suspend_exc_state_flags=UNKNOWN+DRAIN}; both lines only when power saving runs.
 *
 * <p>A state matches without regard to case: DOWN by any prefix of two letters or more; a flag by the first flag
 * (in Slurm's order, {@link NodeFlag}) that the written text starts ({@code dr} is DRAIN), which must be one of
 * {@link #STATES}. An invalid state is logged and skipped; the others apply.
 *
 * @param down    DOWN nodes are kept
 * @param flags   nodes with any of these flags are kept
 * @param invalid the states that were not taken, as written
 */
public record SuspendExcStates(boolean down, Set<NodeFlag> flags, List<String> invalid) {

    /** The node flags whose nodes the key can keep (PERFCTRS, in 24.11's manual, is refused by its daemon). */
    private static final Set<NodeFlag> EXCLUDABLE = EnumSet.of(NodeFlag.CLOUD, NodeFlag.DRAIN,
            NodeFlag.DYNAMIC_FUTURE, NodeFlag.DYNAMIC_NORM, NodeFlag.FAIL, NodeFlag.INVALID_REG, NodeFlag.MAINTENANCE,
            NodeFlag.NOT_RESPONDING, NodeFlag.PLANNED, NodeFlag.RESERVED);

    /** The states the key takes, in alphabetical order (as the manual lists them): DOWN and {@code EXCLUDABLE}. */
    public static final List<String> STATES = Stream.concat(Stream.of("DOWN"), EXCLUDABLE.stream().map(NodeFlag::name))
            .sorted().toList();

    /** The daemon's error for a state it does not take, {@code %s} being the state as written. */
    public static final String INVALID = "Invalid SuspendExcState %s";

    /** No state kept (the key is absent). */
    public static final SuspendExcStates NONE = new SuspendExcStates(false, Set.of(), List.of());

    public SuspendExcStates {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        invalid = List.copyOf(invalid);
    }

    /** Reads a value as slurmctld does (empty items are skipped). */
    public static SuspendExcStates read(String value) {
        boolean down = false;
        Set<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
        List<String> invalid = new ArrayList<>();
        for (String state : value.split(",")) {
            if (state.isEmpty()) {
                continue;
            }
            if (isDown(state)) {
                down = true;
                continue;
            }
            Optional<NodeFlag> flag = flag(state).filter(EXCLUDABLE::contains);
            if (flag.isPresent()) {
                flags.add(flag.get());
            } else {
                invalid.add(state);
            }
        }
        return new SuspendExcStates(down, flags, invalid);
    }

    /** Whether the daemon takes {@code state} (one item of the list). */
    public static boolean accepts(String state) {
        return !state.isEmpty() && read(state).invalid().isEmpty();
    }

    /** The bits of {@link #flags} in the state word. */
    public int flagBits() {
        return flags.stream().mapToInt(NodeFlag::bit).reduce(0, (a, b) -> a | b);
    }

    private static boolean isDown(String state) {
        String upper = state.toUpperCase(Locale.ROOT);
        return upper.length() >= 2 && "DOWN".startsWith(upper);
    }

    private static Optional<NodeFlag> flag(String state) {
        String upper = state.toUpperCase(Locale.ROOT);
        return Arrays.stream(NodeFlag.values()).filter(f -> f.name().startsWith(upper)).findFirst();
    }
}

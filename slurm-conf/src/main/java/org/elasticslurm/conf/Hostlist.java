package org.elasticslurm.conf;

import java.util.Collection;
import java.util.List;

/**
 * An ordered list of host names, as Slurm's hostlist expressions describe them ({@code test[1-3],gpu01}).
 *
 * <p>Immutable. Duplicates are kept, as in Slurm. The grammar is that of slurmctld 22.05's hostlist.c:
 * separators {@code ,} space and tab; several bracket groups expand as a cartesian product (left group
 * slowest); zero padding by the width of the low bound; the last bracket group must end the token.
 */
public final class Hostlist {
    private final List<String> names;

    private Hostlist(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * Expands an expression.
     *
     * @throws HostlistException when the expression is malformed
     */
    public static Hostlist parse(String expression) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A hostlist of these names, in this order. */
    public static Hostlist of(Collection<String> names) {
        return new Hostlist(List.copyOf(names));
    }

    /** The expanded names, in order, duplicates kept. */
    public List<String> names() {
        return names;
    }

    /** Number of names (duplicates counted). */
    public int size() {
        return names.size();
    }

    /** Whether the name occurs. */
    public boolean contains(String name) {
        return names.contains(name);
    }

    /** The names sorted as Slurm sorts them (prefix, then number). */
    public Hostlist sorted() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Compressed expression keeping input order, as {@code scontrol show hostlist} prints it. */
    public String compress() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Compressed expression after sorting, as {@code scontrol show hostlistsorted} prints it and as
     * slurmctld passes node lists to its hook programs.
     */
    public String compressSorted() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hostlist h && h.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return compress();
    }
}

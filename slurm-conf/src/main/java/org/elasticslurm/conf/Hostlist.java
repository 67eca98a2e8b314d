package org.elasticslurm.conf;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An ordered list of host names, as Slurm's hostlist expressions describe them ({@code test[1-3],gpu01}).
 *
 * <p>Immutable. Duplicates are kept, as in Slurm. The grammar is that of slurmctld 22.05's hostlist.c:
 * <ul>
 *   <li>names are separated by {@code ,} space or tab; empty items are skipped; a comma inside {@code [...]}
 *       separates ranges;</li>
 *   <li>a range is {@code lo} or {@code lo-hi} in decimal, each number printed zero-padded to the number of
 *       digits written for {@code lo} ({@code x[098-101]}, {@code x[9-11]} gives x9 x10 x11); a dash outside
 *       brackets is an ordinary character; the prefix may be empty ({@code [1-3]});</li>
 *   <li>several bracket groups form a cartesian product; with two groups the left one varies slowest
 *       ({@code a[1-2]b[3-4]} gives a1b3 a1b4 a2b3 a2b4); with more, as Slurm does it, the next-to-last group
 *       varies slowest, then the groups before it from right to left, the last group fastest;</li>
 *   <li>the last bracket group must end the name ({@code n[1-3]x} is refused).</li>
 * </ul>
 *
 * <p>Malformed input raises {@link HostlistException} naming the 1-based column and the rule: an unclosed or
 * unmatched bracket (Slurm would quietly turn {@code n[1-3} into {@code n]}), nested brackets, a range whose low
 * bound exceeds its high bound, letters, signs, white space or empty items inside brackets, negative numbers,
 * more than 65,536 hosts in one range, more than 65,536 values in a bracket group that is not the last of its
 * name, more than 262,144 ranges in one group, numbers of more than 18 significant digits, control characters,
 * and expressions of more than 1,048,576 names. Where Slurm accepts such input anyway (lenient number syntax
 * such as {@code n[+3]} or {@code n[3-]}, errors it reports but ignores in the third bracket group from the end)
 * this class refuses it.
 *
 * <p>Compression follows Slurm exactly: a name's trailing digits are its number (a suffix of more than 18
 * significant digits is kept as part of the name instead); consecutive numbers with the same prefix and
 * compatible zero padding join ({@code n01,n1} gives {@code n[01,1]}, {@code n8,n09,n10} gives
 * {@code n[8,09-10]}, {@code x1y,x2y} stays {@code x1y,x2y}). Equality is by names, in order.
 */
public final class Hostlist {
    private final List<HostRange> ranges;
    private final long[] starts;
    private final int size;
    private final List<String> names;

    private Hostlist(List<HostRange> ranges) {
        this.ranges = List.copyOf(ranges);
        this.starts = new long[this.ranges.size()];
        long total = 0;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = total;
            total += this.ranges.get(i).count();
        }
        this.size = Math.toIntExact(total);
        this.names = new Names();
    }

    /**
     * Expands an expression such as {@code gpu[01-04],cpu[1-3,7] login1}.
     *
     * @param expression the expression; empty or separators only gives an empty list
     * @return the names in order, duplicates kept
     * @throws HostlistException when the expression is malformed; the message names the column and the rule
     */
    public static Hostlist parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        return new Hostlist(HostlistParser.parse(expression));
    }

    /**
     * How many names an expression gives (duplicates counted), computed from its ranges without building a name
     * and without the size bounds of {@link #parse} ({@code n[0-999999999]} counts 1,000,000,000), so that a
     * caller can refuse a request by its size before anything is expanded. Saturates at {@link Long#MAX_VALUE}.
     *
     * @throws HostlistException when the expression is malformed, as {@link #parse} would say
     */
    public static long count(String expression) {
        Objects.requireNonNull(expression, "expression");
        return HostlistParser.count(expression);
    }

    /**
     * A hostlist of these names, in this order.
     *
     * @param names host names; each must be non-empty and free of separators ({@code ,} space tab), brackets and
     *     control characters
     * @throws HostlistException naming the offending name and column when a name cannot stand in a hostlist
     */
    public static Hostlist of(Collection<String> names) {
        HostRangeListBuilder builder = new HostRangeListBuilder();
        for (String name : names) {
            HostlistParser.checkName(Objects.requireNonNull(name, "name"));
            builder.pushHost(name);
        }
        return new Hostlist(builder.build());
    }

    /** The expanded names, in order, duplicates kept. The list is unmodifiable. */
    public List<String> names() {
        return names;
    }

    /** Number of names (duplicates counted). */
    public int size() {
        return size;
    }

    /** Whether there are no names. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether the name occurs. */
    public boolean contains(String name) {
        for (HostRange r : ranges) {
            if (r.holds(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names sorted as Slurm sorts them: prefix in natural order, a name without number before numbered names
     * of its prefix, then by number (or by padding width where the zero padding of two numbers is incompatible,
     * so {@code n1} sorts before {@code n01}). Duplicates are kept. Its {@link #compress()} is
     * {@link #compressSorted()}.
     */
    public Hostlist sorted() {
        return new Hostlist(HostlistCompressor.sort(ranges));
    }

    /**
     * Compressed expression keeping input order, as {@code scontrol show hostlist} prints it: {@code n[2,1,1,3]}
     * for n2,n1,n1,n3. Empty for an empty list.
     */
    public String compress() {
        return HostlistCompressor.rangedString(ranges);
    }

    /**
     * Compressed expression after sorting, as {@code scontrol show hostlistsorted} prints it and as slurmctld
     * passes node lists to its hook programs. Duplicates are kept, not merged: n2,n1,n1,n3 gives
     * {@code n[1,1-3]}.
     */
    public String compressSorted() {
        return HostlistCompressor.rangedString(HostlistCompressor.sort(ranges));
    }

    /** Equal when both hold the same names in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Hostlist h && h.size == size && h.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    /** The compressed expression, {@link #compress()}. */
    @Override
    public String toString() {
        return compress();
    }

    /** The names, computed from the ranges on access. */
    private final class Names extends AbstractList<String> implements RandomAccess {
        @Override
        public String get(int index) {
            Objects.checkIndex(index, size);
            int r = Arrays.binarySearch(starts, index);
            if (r < 0) {
                r = -r - 2;
            }
            return ranges.get(r).name(index - starts[r]);
        }

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private int range;
                private long offset;

                @Override
                public boolean hasNext() {
                    return range < ranges.size();
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    HostRange r = ranges.get(range);
                    String name = r.name(offset);
                    if (++offset == r.count()) {
                        range++;
                        offset = 0;
                    }
                    return name;
                }
            };
        }

        @Override
        public int size() {
            return size;
        }
    }
}

package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints ranges as Slurm's hostlist_ranged_string does, and sorts them as hostlist_sort does (glibc's merge
 * sort with hostrange_cmp, then hostlist_coalesce and hostlist_collapse).
 *
 * <p>Slurm's coalesce restarts from the end after every overlap it splits, which is quadratic. Here the sorted
 * ranges are cut into runs of numbered ranges with one prefix (coalescing never crosses such a run). In a run
 * where every pair of ranges has compatible zero padding whatever their numbers (all of one width, or none
 * zero-padded) Slurm's result is fully determined: its coalesce stops only when no range overlaps the next, so
 * the hosts come out as the sorted multiset, and collapse then joins neighbours from the end. That is computed
 * directly in O(n log n), also for a run that falls apart into such classes which never meet (unpadded numbers
 * shorter than every padded width). The remaining runs (zero-padded and unpadded numbers of one prefix that
 * are compatible with each other, as n01 and n100) replay Slurm's steps on a linked list, in the order Slurm
 * takes them; that is linear unless such a run also holds many overlapping duplicate ranges.
 *
 * <p>Where Slurm's own coalesce would lose hosts (a range that starts below its left neighbour empties the
 * neighbour, which is then deleted together with the wrong range and read after being freed) the two ranges are
 * left as they are; no host is ever lost.
 */
final class HostlistCompressor {
    private HostlistCompressor() {
    }

    /** hostlist_ranged_string: {@code prefix[lo-hi,n,...]} groups of consecutive ranges with one prefix. */
    static String rangedString(List<HostRange> ranges) {
        StringBuilder sb = new StringBuilder();
        int n = ranges.size();
        int i = 0;
        while (i < n) {
            if (i > 0) {
                sb.append(',');
            }
            HostRange first = ranges.get(i);
            boolean brackets = first.count() > 1 || (i + 1 < n && HostRangeOrder.sameGroup(first, ranges.get(i + 1)));
            sb.append(first.prefix());
            if (brackets) {
                sb.append('[');
            }
            int start = i;
            do {
                HostRange r = ranges.get(i);
                if (i > start) {
                    sb.append(',');
                }
                if (!r.single()) {
                    HostRange.appendPadded(sb, r.lo(), r.width());
                    if (r.lo() < r.hi()) {
                        sb.append('-');
                        HostRange.appendPadded(sb, r.hi(), r.width());
                    }
                }
                i++;
            } while (i < n && HostRangeOrder.sameGroup(ranges.get(i), ranges.get(i - 1)));
            if (brackets) {
                sb.append(']');
            }
        }
        return sb.toString();
    }

    /** hostlist_sort: the ranges {@code scontrol show hostlistsorted} prints. */
    static List<HostRange> sort(List<HostRange> ranges) {
        if (ranges.size() <= 1) {
            return List.copyOf(ranges);
        }
        HostRange[] sorted = ranges.toArray(new HostRange[0]);
        mergeSort(sorted, 0, sorted.length, new HostRange[sorted.length]);
        List<HostRange> out = new ArrayList<>(sorted.length);
        int i = 0;
        while (i < sorted.length) {
            if (sorted[i].single()) {
                out.add(sorted[i++]);
                continue;
            }
            int end = i + 1;
            while (end < sorted.length && HostRangeOrder.sameGroup(sorted[end - 1], sorted[end])) {
                end++;
            }
            if (end - i == 1) {
                out.add(sorted[i]);
            } else if (sameWidth(sorted, i, end)) {
                sortedRun(sorted, i, end, sorted[i].width(), out);
            } else if (unpadded(sorted, i, end)) {
                sortedRun(sorted, i, end, 1, out);
            } else if (separable(sorted, i, end)) {
                for (int from = i, to = i + 1; from < end; from = to++) {
                    while (to < end && paddingClass(sorted[to]) == paddingClass(sorted[from])) {
                        to++;
                    }
                    sortedRun(sorted, from, to, paddingClass(sorted[from]) == 0 ? 1 : sorted[from].width(), out);
                }
            } else {
                replayedRun(sorted, i, end, out);
            }
            i = end;
        }
        return out;
    }

    /**
     * glibc 2.36 qsort on an array of pointers: a top-down merge sort (msort_with_tmp) that takes from the left
     * run while cmp(left, right) &lt;= 0. hostrange_cmp is not transitive when widths mix, so the exact merge
     * order matters.
     */
    private static void mergeSort(HostRange[] a, int from, int n, HostRange[] tmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        mergeSort(a, from, n1, tmp);
        mergeSort(a, from + n1, n2, tmp);
        int i = from;
        int j = from + n1;
        int k = 0;
        while (n1 > 0 && n2 > 0) {
            if (HostRangeOrder.compare(a[i], a[j]) <= 0) {
                tmp[k++] = a[i++];
                n1--;
            } else {
                tmp[k++] = a[j++];
                n2--;
            }
        }
        if (n1 > 0) {
            System.arraycopy(a, i, tmp, k, n1);
            k += n1;
        }
        System.arraycopy(tmp, 0, a, from, k);
    }

    private static boolean sameWidth(HostRange[] ranges, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (ranges[i].width() != ranges[from].width()) {
                return false;
            }
        }
        return true;
    }

    private static boolean unpadded(HostRange[] ranges, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ranges[i].width() > HostRange.digitCount(ranges[i].lo())) {
                return false;
            }
        }
        return true;
    }

    /** 0 for a range printed without zero padding, else its padded width. */
    private static int paddingClass(HostRange r) {
        return r.width() > HostRange.digitCount(r.lo()) ? r.width() : 0;
    }

    /**
     * Whether the run falls apart into classes that never meet: unpadded ranges all of fewer digits than the
     * narrowest padded width (so, whatever coalescing does to their numbers, no unpadded range is ever compatible
     * with a padded one), and padded ranges of different widths (never compatible). Then hostrange_cmp orders
     * the run as the unpadded ranges by number, then each padded width by number, and each class is a
     * uniform run of its own.
     */
    private static boolean separable(HostRange[] ranges, int from, int to) {
        int unpaddedDigits = 0;
        int narrowestPadding = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            int padding = paddingClass(ranges[i]);
            if (padding == 0) {
                unpaddedDigits = Math.max(unpaddedDigits, HostRange.digitCount(ranges[i].hi()));
            } else {
                narrowestPadding = Math.min(narrowestPadding, padding);
            }
        }
        if (unpaddedDigits >= narrowestPadding) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            int previous = paddingClass(ranges[i - 1]);
            int current = paddingClass(ranges[i]);
            if (current < previous) {
                return false;
            }
        }
        return true;
    }

    /** Hosts of the run in ascending order, joined from the end as hostlist_collapse joins them. */
    private static void sortedRun(HostRange[] ranges, int from, int to, int width, List<HostRange> out) {
        long count = 0;
        for (int i = from; i < to; i++) {
            count += ranges[i].count();
        }
        long[] numbers = new long[Math.toIntExact(count)];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (long v = ranges[i].lo(); v <= ranges[i].hi(); v++) {
                numbers[k++] = v;
            }
        }
        Arrays.sort(numbers);
        String prefix = ranges[from].prefix();
        List<HostRange> reversed = new ArrayList<>();
        long hi = numbers[k - 1];
        long lo = hi;
        for (int i = k - 2; i >= 0; i--) {
            if (numbers[i] == lo - 1) {
                lo = numbers[i];
            } else {
                reversed.add(HostRange.numbered(prefix, lo, hi, width));
                hi = numbers[i];
                lo = hi;
            }
        }
        reversed.add(HostRange.numbered(prefix, lo, hi, width));
        for (int i = reversed.size() - 1; i >= 0; i--) {
            out.add(reversed.get(i));
        }
    }

    /** Slurm's coalesce and collapse, step by step, on a run whose padding mixes. */
    private static void replayedRun(HostRange[] ranges, int from, int to, List<HostRange> out) {
        Node head = null;
        Node tail = null;
        for (int i = from; i < to; i++) {
            Node node = new Node(ranges[i]);
            if (head == null) {
                head = node;
            } else {
                tail.next = node;
                node.prev = tail;
            }
            tail = node;
        }
        // hostlist_coalesce always splits the rightmost overlapping pair next.
        Node right = tail;
        while (right.prev != null) {
            Node left = right.prev;
            if (left.overlaps(right)) {
                left.split(right);
                Node b = right;
                while (b.next != null && b.overlaps(b.next)) {
                    Node c = b.next;
                    b.split(c);
                    b = c;
                }
            }
            right = left;
        }
        // hostlist_collapse joins neighbours from the end.
        List<HostRange> reversed = new ArrayList<>();
        Node current = tail;
        HostRange joined = current.range();
        for (Node prev = current.prev; prev != null; prev = prev.prev) {
            HostRange p = prev.range();
            if (HostRangeOrder.continues(p, joined)) {
                joined = HostRange.numbered(p.prefix(), p.lo(), joined.hi(), p.width());
            } else {
                reversed.add(joined);
                joined = p;
            }
        }
        reversed.add(joined);
        for (int i = reversed.size() - 1; i >= 0; i--) {
            out.add(reversed.get(i));
        }
    }

    private static final class Node {
        final String prefix;
        final int width;
        long lo;
        long hi;
        Node prev;
        Node next;

        Node(HostRange r) {
            this(r.prefix(), r.lo(), r.hi(), r.width());
        }

        Node(String prefix, long lo, long hi, int width) {
            this.prefix = prefix;
            this.lo = lo;
            this.hi = hi;
            this.width = width;
        }

        HostRange range() {
            return HostRange.numbered(prefix, lo, hi, width);
        }

        /**
         * hostrange_intersect finds common hosts (all nodes of a run share prefix and are numbered). A next node
         * that starts below this one is left alone: Slurm would empty this node, delete the next one (losing
         * its hosts) and go on reading it after freeing it.
         */
        boolean overlaps(Node next) {
            return hi > next.lo && lo <= next.lo && HostRangeOrder.widthCompatible(lo, width, next.lo, next.width);
        }

        /**
         * The body of hostlist_coalesce for this node and the next: this keeps its hosts up to the first common
         * one, the next starts at the last common one (and takes over this node's higher hosts), and the common
         * hosts in between are inserted as single-number ranges.
         */
        void split(Node next) {
            long commonLo = next.lo;
            long commonHi = Math.min(next.hi, hi);
            if (commonHi < hi) {
                next.hi = hi;
            }
            hi = commonLo;
            next.lo = commonHi;
            Node before = this;
            for (long x = commonLo; x <= commonHi; x++) {
                if (x > hi) {
                    before = before.insertAfter(x, width);
                }
                if (x < next.lo) {
                    before = before.insertAfter(x, width);
                }
            }
        }

        private Node insertAfter(long number, int w) {
            Node node = new Node(prefix, number, number, w);
            node.prev = this;
            node.next = next;
            next.prev = node;
            next = node;
            return node;
        }
    }
}

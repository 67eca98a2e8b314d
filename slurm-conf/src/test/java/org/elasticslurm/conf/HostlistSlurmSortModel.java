package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line-by-line port of hostlist_sort from Slurm 22.05 hostlist.c (qsort as glibc's merge sort, then
 * hostlist_coalesce restarting from the end after every split, then hostlist_collapse), including the widths
 * that _width_equiv adjusts as a side effect. It is quadratic and serves as the test oracle for
 * {@link HostlistCompressor#sort}, which computes the same result directly.
 *
 * <p>One guard differs from the C code, as in the library: an overlapping next range that starts below the
 * current one is not split, where Slurm empties the current range, deletes the next one and reads it after
 * freeing it.
 */
final class HostlistSlurmSortModel {
    private HostlistSlurmSortModel() {
    }

    private static final class Hr {
        final String prefix;
        final boolean single;
        long lo;
        long hi;
        int width;

        Hr(String prefix, long lo, long hi, int width, boolean single) {
            this.prefix = prefix;
            this.lo = lo;
            this.hi = hi;
            this.width = width;
            this.single = single;
        }

        Hr copy() {
            return new Hr(prefix, lo, hi, width, single);
        }
    }

    static List<HostRange> sort(List<HostRange> input) {
        List<Hr> hl = new ArrayList<>();
        for (HostRange r : input) {
            hl.add(new Hr(r.prefix(), r.lo(), r.hi(), r.width(), r.single()));
        }
        if (hl.size() > 1) {
            Hr[] a = hl.toArray(new Hr[0]);
            msort(a, 0, a.length, new Hr[a.length]);
            hl = new ArrayList<>(Arrays.asList(a));
            coalesce(hl);
            collapse(hl);
        }
        List<HostRange> out = new ArrayList<>();
        for (Hr h : hl) {
            out.add(new HostRange(h.prefix, h.lo, h.hi, h.width, h.single));
        }
        return out;
    }

    private static void coalesce(List<Hr> hl) {
        for (int i = hl.size() - 1; i > 0; i--) {
            Hr created = intersect(hl.get(i - 1), hl.get(i));
            if (created == null) {
                continue;
            }
            Hr hprev = hl.get(i - 1);
            Hr hnext = hl.get(i);
            int j = i;
            if (created.hi < hprev.hi) {
                hnext.hi = hprev.hi;
            }
            hprev.hi = created.lo;
            hnext.lo = created.hi;
            while (created.lo <= created.hi) {
                Hr hr = new Hr(created.prefix, created.lo, created.lo, created.width, false);
                if (created.lo > hprev.hi) {
                    hl.add(j++, hr.copy());
                }
                if (created.lo < hnext.lo) {
                    hl.add(j++, hr.copy());
                }
                created.lo++;
            }
            i = hl.size();
        }
    }

    private static void collapse(List<Hr> hl) {
        for (int i = hl.size() - 1; i > 0; i--) {
            Hr hprev = hl.get(i - 1);
            Hr hnext = hl.get(i);
            if (!hprev.single && !hnext.single && hprev.hi == hnext.lo - 1 && prefixCmp(hprev, hnext) == 0
                    && widthEquiv(hprev, hnext)) {
                hprev.hi = hnext.hi;
                hl.remove(i);
            }
        }
    }

    private static Hr intersect(Hr h1, Hr h2) {
        if (h1.single || h2.single) {
            return null;
        }
        if (h1.hi > h2.lo && h1.lo <= h2.lo && prefixCmp(h1, h2) == 0 && widthEquiv(h1, h2)) {
            Hr created = h1.copy();
            created.lo = h2.lo;
            created.hi = Math.min(h2.hi, h1.hi);
            return created;
        }
        return null;
    }

    private static void msort(Hr[] a, int from, int n, Hr[] tmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        msort(a, from, n1, tmp);
        msort(a, from + n1, n2, tmp);
        int i = from;
        int j = from + n1;
        int k = 0;
        while (n1 > 0 && n2 > 0) {
            if (cmp(a[i], a[j]) <= 0) {
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

    private static int cmp(Hr h1, Hr h2) {
        int retval = prefixCmp(h1, h2);
        if (retval == 0) {
            retval = widthEquiv(h1, h2) ? Long.compare(h1.lo, h2.lo) : h1.width - h2.width;
        }
        return retval;
    }

    private static int prefixCmp(Hr h1, Hr h2) {
        int retval = HostRangeOrder.naturalCompare(h1.prefix, h2.prefix);
        return retval == 0 ? (h2.single ? 1 : 0) - (h1.single ? 1 : 0) : retval;
    }

    /** _width_equiv(h1->lo, &h1->width, h2->lo, &h2->width), adjusting one width when they are equivalent. */
    private static boolean widthEquiv(Hr h1, Hr h2) {
        if (h1.width == h2.width) {
            return true;
        }
        int npad = zeroPadded(h1.lo, h1.width);
        int nmpad = zeroPadded(h1.lo, h2.width);
        int mpad = zeroPadded(h2.lo, h2.width);
        int mnpad = zeroPadded(h2.lo, h1.width);
        if (npad != nmpad && mpad != mnpad) {
            return false;
        } else if (npad != nmpad) {
            h2.width = h1.width;
        } else {
            h1.width = h2.width;
        }
        return true;
    }

    private static int zeroPadded(long num, int width) {
        int n = 1;
        while ((num /= 10L) != 0) {
            n++;
        }
        return width > n ? width - n : 0;
    }
}

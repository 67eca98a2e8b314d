package org.elasticslurm.conf.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.elasticslurm.conf.Hostlist;

/**
 * Time per operation of {@link Hostlist} on 100,000 hosts, after warm-up. Goals: expanding a 100,000-host
 * expression under 50 ms, compressing 100,000 names under 100 ms.
 *
 * <pre>
 * slurm-conf/bin/bench HostlistBenchmark
 * </pre>
 */
public final class HostlistBenchmark {
    private static final int HOSTS = 100_000;
    private static final int WARMUP = 30;
    private static final int RUNS = 30;

    private HostlistBenchmark() {
    }

    public static void main(String[] args) {
        List<String> ascending = new ArrayList<>(HOSTS);
        for (int i = 1; i <= HOSTS; i++) {
            ascending.add(String.format(Locale.ROOT, "n%06d", i));
        }
        List<String> shuffled = new ArrayList<>(ascending);
        Collections.shuffle(shuffled, new Random(1));
        List<String> mixed = new ArrayList<>(HOSTS);
        Random random = new Random(2);
        String[] prefixes = {"gpu", "cpu", "login", "rack1-n", "node"};
        for (int i = 0; i < HOSTS; i++) {
            mixed.add(prefixes[random.nextInt(prefixes.length)] + random.nextInt(40_000));
        }
        List<String> repeatedRuns = new ArrayList<>(HOSTS);
        for (int i = 0; i < HOSTS; i++) {
            repeatedRuns.add("n" + (1 + i % 1000));
        }

        System.out.printf(Locale.ROOT, "Hostlist, %d hosts, %d warm-up and %d measured runs each (ms per operation)%n",
                HOSTS, WARMUP, RUNS);
        measure("expand rack[01-10]n[00001-10000]   (parse + all names)",
                () -> expand("rack[01-10]n[00001-10000]"));
        measure("expand n[1-60000],n[60001-100000]  (parse + all names)",
                () -> expand("n[1-60000],n[60001-100000]"));
        measure("compress         100k ascending names", () -> Hostlist.of(ascending).compress());
        measure("compress         100k shuffled names", () -> Hostlist.of(shuffled).compress());
        measure("compressSorted   100k shuffled names", () -> Hostlist.of(shuffled).compressSorted());
        measure("compressSorted   100k names, 5 prefixes, duplicates", () -> Hostlist.of(mixed).compressSorted());
        measure("compressSorted   100k names, n1..n1000 x 100", () -> Hostlist.of(repeatedRuns).compressSorted());
    }

    private static List<String> expand(String expression) {
        return new ArrayList<>(Hostlist.parse(expression).names());
    }

    private static void measure(String label, Supplier<?> operation) {
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += operation.get().hashCode();
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            sink += operation.get().hashCode();
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            total += elapsed;
        }
        System.out.printf(Locale.ROOT, "  %-58s mean %7.2f  min %7.2f   (%d)%n", label, total / 1e6 / RUNS,
                best / 1e6, sink & 1);
    }
}

package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link Hostlist} over seeded random inputs (each case is one parameterized invocation, so a
 * failure names its input and the seed makes it repeatable).
 */
class HostlistPropertiesTest {
    private static final long SEED = 0x5EED_2205L;

    @ParameterizedTest
    @MethodSource("nameLists")
    void expandingTheCompressedNamesGivesTheSameNamesInOrder(List<String> names) {
        Hostlist h = Hostlist.of(names);

        assertThat(Hostlist.parse(h.compress()).names()).containsExactlyElementsOf(names);
    }

    @ParameterizedTest
    @MethodSource("nameLists")
    void expandingTheSortedCompressionKeepsTheMultisetAndIsTheSortedList(List<String> names) {
        Hostlist h = Hostlist.of(names);
        List<String> expanded = Hostlist.parse(h.compressSorted()).names();

        assertThat(expanded).containsExactlyInAnyOrderElementsOf(names);
        assertThat(expanded).containsExactlyElementsOf(h.sorted().names());
    }

    @ParameterizedTest
    @MethodSource("unpaddedNameLists")
    void sortedCompressionOrdersByPrefixThenNamesWithoutNumberThenNumber(List<String> names) {
        Comparator<String> slurmOrder = Comparator.comparing(HostlistPropertiesTest::prefix)
                .thenComparing(n -> !prefix(n).equals(n))
                .thenComparingLong(n -> prefix(n).equals(n) ? 0 : Long.parseLong(n.substring(prefix(n).length())));
        List<String> expected = new ArrayList<>(names);
        expected.sort(slurmOrder);

        assertThat(Hostlist.parse(Hostlist.of(names).compressSorted()).names()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("overlappingRanges")
    void sortedCompressionMatchesALiteralPortOfSlurmsQuadraticSort(String expression) {
        List<HostRange> ranges = HostlistParser.parse(expression);

        assertThat(HostlistCompressor.rangedString(HostlistCompressor.sort(ranges)))
                .isEqualTo(HostlistCompressor.rangedString(HostlistSlurmSortModel.sort(ranges)));
    }

    @ParameterizedTest
    @MethodSource("nameLists")
    void compressionIsStableThroughParsing(List<String> names) {
        String once = Hostlist.of(names).compress();
        String sorted = Hostlist.of(names).compressSorted();

        assertThat(Hostlist.parse(once).compress()).isEqualTo(once);
        assertThat(Hostlist.parse(sorted).compressSorted()).isEqualTo(sorted);
    }

    @ParameterizedTest
    @MethodSource({"anyText", "nearlyValidText"})
    void parsingAnyTextThrowsNothingButHostlistExceptionAndAcceptedTextRoundTrips(String text) {
        Hostlist h;
        try {
            h = Hostlist.parse(text);
        } catch (HostlistException e) {
            assertThat(e.column()).isBetween(1, Math.max(1, text.length()));
            assertThat(e.expression()).isEqualTo(text);
            return;
        }
        assertThat(Hostlist.parse(h.compress()).names()).containsExactlyElementsOf(h.names());
        assertThat(Hostlist.parse(h.compressSorted()).names()).containsExactlyInAnyOrderElementsOf(h.names());
    }

    @ParameterizedTest
    @MethodSource("nameLists")
    void containsAgreesWithTheNames(List<String> names) {
        Hostlist h = Hostlist.parse(Hostlist.of(names).compress());
        List<String> others = List.of("n1", "n01", "node7", "gpu-0", "login", "x", "r1n10", "7a00", "nœud3");

        names.forEach(n -> assertThat(h.contains(n)).as(n).isTrue());
        others.forEach(n -> assertThat(h.contains(n)).as(n).isEqualTo(names.contains(n)));
    }

    /** Names as clusters spell them: prefixes with digits and dashes, zero padding, words, repeated runs. */
    static Stream<List<String>> nameLists() {
        String[] prefixes = {"n", "node", "gpu-", "r1n", "", "a0b", "nœud", "x.y", "N", "7a"};
        String[] words = {"login", "n", "head-a", "gpu", "x.y", "a0b", "n12345678901234567890",
            "n000000000000000000001"};
        return cases(500, 1, r -> {
            List<String> names = new ArrayList<>();
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                if (r.nextInt(10) == 0) {
                    names.add(words[r.nextInt(words.length)]);
                } else {
                    names.add(prefixes[r.nextInt(prefixes.length)] + padded(r.nextInt(300), r.nextInt(5)));
                }
            }
            if (n > 0 && r.nextBoolean()) {
                int from = r.nextInt(n);
                names.addAll(new ArrayList<>(names.subList(from, Math.min(n, from + 1 + r.nextInt(8)))));
            }
            return names;
        });
    }

    /** Letter prefixes and unpadded numbers, where Slurm's order is plain: prefix, word first, number. */
    static Stream<List<String>> unpaddedNameLists() {
        String[] prefixes = {"a", "b", "n", "nx", "B", "node"};
        return cases(500, 2, r -> {
            List<String> names = new ArrayList<>();
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                String prefix = prefixes[r.nextInt(prefixes.length)];
                names.add(r.nextInt(4) == 0 ? prefix : prefix + r.nextInt(200));
            }
            return names;
        });
    }

    /**
     * Overlapping ranges of one prefix with zero padding mixed, where Slurm's coalesce does most work; every
     * other case keeps unpadded numbers to one digit, so that padded and unpadded ranges never meet.
     */
    static Stream<String> overlappingRanges() {
        return cases(600, 3, r -> {
            boolean apart = r.nextBoolean();
            List<String> tokens = new ArrayList<>();
            int n = 2 + r.nextInt(9);
            for (int i = 0; i < n; i++) {
                boolean pad = r.nextBoolean();
                int lo = apart && !pad ? r.nextInt(8) : r.nextInt(30);
                int hi = apart && !pad ? lo + r.nextInt(10 - lo) : lo + r.nextInt(25);
                String low = padded(lo, pad ? 2 + r.nextInt(2) : 0);
                tokens.add(r.nextInt(3) == 0 ? "n" + low : "n[" + low + "-" + hi + "]");
            }
            return String.join(",", tokens);
        });
    }

    /** Any UTF-16 text, control characters and unpaired surrogates included. */
    static Stream<String> anyText() {
        return cases(1000, 4, r -> {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) {
                sb.append(r.nextInt(3) == 0 ? "[]-, \t0123456789n".charAt(r.nextInt(17)) : (char) r.nextInt(0x10000));
            }
            return sb.toString();
        });
    }

    /** Text from the grammar's own characters, so that most inputs come close to valid expressions. */
    static Stream<String> nearlyValidText() {
        String alphabet = "n0123456789[]-, \tab";
        return cases(3000, 5, r -> {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return sb.toString();
        });
    }

    private static <T> Stream<T> cases(int count, long stream, Function<Random, T> generator) {
        Random random = new Random(SEED * 31 + stream);
        return Stream.generate(() -> generator.apply(random)).limit(count);
    }

    private static String padded(int number, int width) {
        String digits = Integer.toString(number);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static String prefix(String name) {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }
}

package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class HostlistPropertiesTest {

    @Property(tries = 500)
    void expandingTheCompressedNamesGivesTheSameNamesInOrder(@ForAll("hostNames") @Size(max = 60) List<String> names) {
        Hostlist h = Hostlist.of(names);

        assertThat(Hostlist.parse(h.compress()).names()).containsExactlyElementsOf(names);
    }

    @Property(tries = 500)
    void expandingTheSortedCompressionKeepsTheMultisetAndIsTheSortedList(
            @ForAll("hostNames") @Size(max = 60) List<String> names) {
        Hostlist h = Hostlist.of(names);
        List<String> expanded = Hostlist.parse(h.compressSorted()).names();

        assertThat(expanded).containsExactlyInAnyOrderElementsOf(names);
        assertThat(expanded).containsExactlyElementsOf(h.sorted().names());
    }

    @Property(tries = 500)
    void sortedCompressionOrdersByPrefixThenNamesWithoutNumberThenNumber(
            @ForAll("unpaddedNames") @Size(max = 60) List<String> names) {
        Comparator<String> slurmOrder = Comparator.comparing(HostlistPropertiesTest::prefix)
                .thenComparing(n -> !prefix(n).equals(n))
                .thenComparingLong(n -> prefix(n).equals(n) ? 0 : Long.parseLong(n.substring(prefix(n).length())));
        List<String> expected = new ArrayList<>(names);
        expected.sort(slurmOrder);

        assertThat(Hostlist.parse(Hostlist.of(names).compressSorted()).names()).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void sortedCompressionMatchesALiteralPortOfSlurmsQuadraticSort(
            @ForAll("overlappingRanges") String expression) {
        List<HostRange> ranges = HostlistParser.parse(expression);

        assertThat(HostlistCompressor.rangedString(HostlistCompressor.sort(ranges)))
                .isEqualTo(HostlistCompressor.rangedString(HostlistSlurmSortModel.sort(ranges)));
    }

    @Property(tries = 300)
    void compressionIsStableThroughParsing(@ForAll("hostNames") @Size(max = 60) List<String> names) {
        String once = Hostlist.of(names).compress();

        assertThat(Hostlist.parse(once).compress()).isEqualTo(once);
        assertThat(Hostlist.parse(Hostlist.of(names).compressSorted()).compressSorted())
                .isEqualTo(Hostlist.of(names).compressSorted());
    }

    @Property(tries = 1000)
    void parsingAnyTextThrowsNothingButHostlistException(@ForAll String text) {
        parseOrRefuse(text);
    }

    @Property(tries = 2000)
    void parsingNearlyValidTextThrowsNothingButHostlistExceptionAndRoundTrips(@ForAll("nearlyValid") String text) {
        parseOrRefuse(text);
    }

    @Property(tries = 300)
    void containsAgreesWithTheNames(@ForAll("hostNames") @Size(max = 30) List<String> names,
            @ForAll("hostNames") @Size(max = 10) List<String> others) {
        Hostlist h = Hostlist.parse(Hostlist.of(names).compress());

        for (String n : names) {
            assertThat(h.contains(n)).as(n).isTrue();
        }
        for (String n : others) {
            assertThat(h.contains(n)).as(n).isEqualTo(names.contains(n));
        }
    }

    private static void parseOrRefuse(String text) {
        Hostlist h;
        try {
            h = Hostlist.parse(text);
        } catch (HostlistException e) {
            assertThat(e.column()).isBetween(1, Math.max(1, text.length()));
            return;
        }
        assertThat(Hostlist.parse(h.compress()).names()).containsExactlyElementsOf(h.names());
        assertThat(Hostlist.parse(h.compressSorted()).names()).containsExactlyInAnyOrderElementsOf(h.names());
    }

    private static String prefix(String name) {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }

    /** Names as clusters spell them: prefixes with digits and dashes, zero padding, words, duplicates. */
    @Provide
    Arbitrary<List<String>> hostNames() {
        Arbitrary<String> prefix = Arbitraries.of("n", "node", "gpu-", "r1n", "", "a0b", "nœud", "x.y", "N", "7a");
        Arbitrary<String> numbered = Combinators.combine(prefix, Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 4)).as((p, n, w) -> p + String.format("%0" + w + "d", n)
                        .replaceFirst("^$", Integer.toString(n)));
        Arbitrary<String> word = Arbitraries.of("login", "n", "head-a", "gpu", "x.y", "a0b");
        Arbitrary<String> longNumber = Arbitraries.of("n12345678901234567890", "n000000000000000000001");
        Arbitrary<String> name = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, numbered), net.jqwik.api.Tuple.of(3, word),
                net.jqwik.api.Tuple.of(1, longNumber));
        return name.list().ofMaxSize(60).flatMap(list -> Arbitraries.integers().between(0, 3).map(repeat -> {
            List<String> out = new ArrayList<>(list);
            if (!list.isEmpty() && repeat > 0) {
                out.addAll(list.subList(0, Math.min(list.size(), repeat * 3)));
            }
            return out;
        }));
    }

    /** Letter prefixes and unpadded numbers, where Slurm's order is plain: prefix, word first, number. */
    @Provide
    Arbitrary<List<String>> unpaddedNames() {
        Arbitrary<String> prefix = Arbitraries.of("a", "b", "n", "nx", "B", "node");
        Arbitrary<String> numbered = Combinators.combine(prefix, Arbitraries.integers().between(0, 200))
                .as((p, n) -> p + n);
        return Arbitraries.oneOf(numbered, numbered, numbered, prefix).list().ofMaxSize(60);
    }

    /** Overlapping ranges of one prefix with zero padding mixed, where Slurm's coalesce does most work. */
    @Provide
    Arbitrary<String> overlappingRanges() {
        Arbitrary<String> range = Combinators.combine(Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 25), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((lo, span, pad, bracket) -> {
                    String low = pad == 0 ? Integer.toString(lo) : String.format("%0" + (pad + 1) + "d", lo);
                    return bracket ? "n[" + low + "-" + (lo + span) + "]" : "n" + low;
                });
        return range.list().ofMinSize(2).ofMaxSize(10).map(l -> String.join(",", l));
    }

    /** Text from the grammar's own characters, so that most inputs come close to valid expressions. */
    @Provide
    Arbitrary<String> nearlyValid() {
        return Arbitraries.strings().withChars("n0123456789[]-, \tab").ofMaxLength(40);
    }
}

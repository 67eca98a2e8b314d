package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elasticslurm.conf.HostlistCorpus.Departure;
import org.elasticslurm.conf.HostlistCorpus.Entry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Hostlist} against the answers of the real {@code scontrol} (slurm-wlm 22.05.8) recorded in
 * src/test/resources/hostlist/corpus.tsv by regenerate.sh.
 *
 * <p>For every entry the three verbs must agree exactly: {@code show hostnames} with {@link Hostlist#names()},
 * {@code show hostlist} with {@link Hostlist#compress()}, {@code show hostlistsorted} with
 * {@link Hostlist#compressSorted()}, and an expression scontrol refuses must raise {@link HostlistException}.
 *
 * <p>Deliberate departures ({@link Departure}): where the real hostlist.c accepts malformed input by accident
 * (an unclosed bracket giving {@code n]}, an invalid range in an early bracket group reported and then ignored,
 * {@code n[+3]}, {@code n[3-]}, {@code n[1, 3]}), the corpus keeps scontrol's answer and the test asserts this
 * library's clear error instead. Where scontrol's own sorted answer loses or changes hosts (numbers 2^31 apart,
 * or zero padding mixed with overlapping ranges, where hostlist.c reads a range it has freed) the other two verbs
 * must still agree and the sorted answer must keep every name; numbers beyond 18 digits have their own expectation.
 * Departures are recognised from the input and scontrol's answers only.
 */
class HostlistCorpusTest {
    private static final List<Entry> CORPUS = HostlistCorpus.load();

    @TestFactory
    Stream<DynamicTest> everyCorpusEntryIsAnsweredAsTheRealScontrolAnswersIt() {
        return CORPUS.stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> HostlistCorpus.assertAgrees(e)));
    }

    @Test
    void corpusHoldsAtLeast500GeneratedExpressionsBesidesTheDocumentedExamples() {
        assertThat(CORPUS).hasSizeGreaterThanOrEqualTo(600);
        assertThat(CORPUS).extracting(Entry::expression).contains(
                "a[1-2]b[3-4]", "[1-3]", "x[098-101]", "x[01-100]", "x[9-11]", "n1-2",
                "c1,c2", "n1,n2,n3,n5", "n9,n10,n11", "n01,n1", "n8,n09,n10", "n001,n002,n010", "x1y,x2y",
                "n[1-3", "n[3-1]", "n[a-b]", "n[1-2]]", "n[1-3]x", "n[-1]", "n[0-65536]");
    }

    @Test
    void corpusComparesAtLeast500AcceptedExpressionsExactlyAndShowsEveryRefusalAndDeparture() {
        long refused = CORPUS.stream().filter(Entry::refusedBySlurm).count();
        long exact = CORPUS.stream().filter(e -> !e.refusedBySlurm() && Departure.of(e).isEmpty()).count();
        Map<Departure, Integer> departures = new EnumMap<>(Departure.class);
        CORPUS.forEach(e -> Departure.of(e).ifPresent(d -> departures.merge(d, 1, Integer::sum)));

        assertThat(exact).as("accepted by scontrol and compared on all three verbs").isGreaterThanOrEqualTo(500);
        assertThat(refused).as("refused by scontrol and here").isGreaterThanOrEqualTo(50);
        assertThat(departures).as("each departure is shown by the corpus").containsOnlyKeys(Departure.values());
    }

    @Test
    void section8ExamplesCompressAsScontrolDoes() {
        assertThat(entry("n01,n1").hostlist()).isEqualTo("=n[01,1]");
        assertThat(entry("n8,n09,n10").hostlist()).isEqualTo("=n[8,09-10]");
        assertThat(entry("n001,n002,n010").hostlist()).isEqualTo("=n[001-002,010]");
        assertThat(entry("x1y,x2y").hostlist()).isEqualTo("=x1y,x2y");
        assertThat(entry("n2,n1,n1,n3").hostlistSorted()).as("hostlistsorted keeps duplicates").isEqualTo("=n[1,1-3]");
        assertThat(Hostlist.parse("n2,n1,n1,n3").compressSorted()).isEqualTo("n[1,1-3]");
    }

    private static Entry entry(String expression) {
        return CORPUS.stream().filter(e -> e.expression().equals(expression)).findFirst().orElseThrow();
    }
}

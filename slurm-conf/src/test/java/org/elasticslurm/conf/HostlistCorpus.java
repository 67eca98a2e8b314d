package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The corpus of real scontrol answers (src/test/resources/hostlist/corpus.tsv, format in
 * {@link HostlistCorpusGenerator}) and the comparison of {@link Hostlist} against one entry.
 *
 * <p>Every entry must agree exactly with scontrol, on all three verbs and on refusal, unless it shows one of the
 * {@link Departure}s: input that the real hostlist.c accepts by accident (and mangles) or numbers beyond what it
 * keeps exact. Each departure is recognised from the input and scontrol's answer alone, never from this
 * library's behaviour, and each has its own expectation.
 */
final class HostlistCorpus {
    static final String RESOURCE = "/hostlist/corpus.tsv";

    private static final Pattern STRICT_RANGES = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
    private static final Pattern BRACKET_GROUP = Pattern.compile("\\[([^\\[\\]]*)]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private HostlistCorpus() {
    }

    /** One line of the corpus. */
    record Entry(int line, String expression, String hostnames, String hostlist, String hostlistSorted,
            String stderr) {

        static Entry parse(int line, String text) {
            String[] cells = text.split("\t", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException("corpus line " + line + " has " + cells.length + " columns: " + text);
            }
            return new Entry(line, HostlistCorpusGenerator.unescape(cells[0]), cells[1], cells[2], cells[3],
                    HostlistCorpusGenerator.unescape(cells[4]));
        }

        boolean refusedBySlurm() {
            return hostlist.equals("!");
        }

        @Override
        public String toString() {
            return "line " + line + ": " + HostlistCorpusGenerator.escape(expression);
        }
    }

    /**
     * Where this library deliberately differs from Slurm 22.05, each recognised from the input and scontrol's
     * answer. Checked in this order for entries that scontrol accepted.
     */
    enum Departure {
        /** Slurm turns an unclosed or stray bracket into a name ({@code n[1-3} gives {@code n]}); refused here. */
        UNBALANCED_BRACKETS(e -> !bracketsBalanced(e.expression())),
        /**
         * Slurm reports an invalid range in the third bracket group from the end (or earlier) on stderr, then
         * carries on without those hosts; refused here.
         */
        IGNORED_ERROR(e -> !e.stderr().isEmpty()),
        /** Slurm's strtoul takes signs, blanks and a missing high bound in brackets ({@code n[+3]}); refused here. */
        LENIENT_NUMBER(e -> bracketContents(e.expression()).stream().anyMatch(c -> !STRICT_RANGES.matcher(c).matches())),
        /**
         * More than 18 significant digits: Slurm saturates at 2^64-1 and prints another name; here a number in
         * brackets is refused and a name keeps its digits as text.
         */
        LONG_NUMBER(e -> digitRuns(e.expression()).anyMatch(d -> d.replaceFirst("^0+(?=.)", "").length() > 18)),
        /**
         * scontrol's sorted answer does not hold the hosts of its hostnames answer: Slurm's sort subtracts numbers
         * into an int (numbers 2^31 apart misorder and an emptied range takes its neighbour with it), and with
         * zero padding mixed its coalesce can empty a range, delete the next one and read it after freeing it.
         * Here no host is lost or changed: the other two verbs must agree exactly and the sorted answer keeps
         * every name.
         */
        SORT_CORRUPTS_HOSTS(e -> e.hostlistSorted().startsWith("=") && e.hostnames().startsWith("=")
                && !sortedNames(expandAnswer(e.hostlistSorted().substring(1)))
                        .equals(sortedNames(expandAnswer(e.hostnames().substring(1)))));

        private final Predicate<Entry> applies;

        Departure(Predicate<Entry> applies) {
            this.applies = applies;
        }

        static Optional<Departure> of(Entry e) {
            if (e.refusedBySlurm()) {
                return Optional.empty();
            }
            return Arrays.stream(values()).filter(d -> d.applies.test(e)).findFirst();
        }
    }

    static List<Entry> load() {
        try (InputStream in = HostlistCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing; run its regenerate.sh");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Entry> entries = new ArrayList<>();
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (!text.startsWith("#")) {
                    entries.add(Entry.parse(line, text));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@link Hostlist} answers the entry as scontrol did, or as its departure prescribes. */
    static void assertAgrees(Entry e) {
        if (e.refusedBySlurm()) {
            assertThat(e.hostnames()).as("scontrol refuses for every verb").isEqualTo("!");
            assertThat(e.hostlistSorted()).as("scontrol refuses for every verb").isEqualTo("!");
            assertThatThrownBy(() -> Hostlist.parse(e.expression())).as("refused like scontrol: %s", e)
                    .isInstanceOf(HostlistException.class);
            return;
        }
        Optional<Departure> departure = Departure.of(e);
        if (departure.isEmpty()) {
            Hostlist h = Hostlist.parse(e.expression());
            assertSameAnswers(e, h, true);
            return;
        }
        switch (departure.get()) {
            case UNBALANCED_BRACKETS, IGNORED_ERROR, LENIENT_NUMBER ->
                assertThatThrownBy(() -> Hostlist.parse(e.expression())).as("%s: %s", departure.get(), e)
                        .isInstanceOf(HostlistException.class);
            case LONG_NUMBER -> {
                HostlistException refused = catchThrowableOfType(() -> Hostlist.parse(e.expression()),
                        HostlistException.class);
                if (refused != null) {
                    assertThat(refused.rule()).contains("significant digits");
                } else {
                    assertThat(Hostlist.parse(e.expression()).names()).as("names kept as written: %s", e)
                            .containsExactly(e.expression().split("[, \t]+"));
                }
            }
            case SORT_CORRUPTS_HOSTS -> {
                Hostlist h = Hostlist.parse(e.expression());
                assertSameAnswers(e, h, false);
                assertThat(Hostlist.parse(h.compressSorted()).names()).as("sorted keeps every name: %s", e)
                        .containsExactlyInAnyOrderElementsOf(h.names());
            }
        }
    }

    private static void assertSameAnswers(Entry e, Hostlist h, boolean sorted) {
        assertThat(HostlistCorpusGenerator.namesCell(h.names())).as("show hostnames %s", e).isEqualTo(e.hostnames());
        assertThat(HostlistCorpusGenerator.expressionCell(h.compress())).as("show hostlist %s", e)
                .isEqualTo(e.hostlist());
        if (sorted) {
            assertThat(HostlistCorpusGenerator.expressionCell(h.compressSorted())).as("show hostlistsorted %s", e)
                    .isEqualTo(e.hostlistSorted());
        }
    }

    /** Each '[' closed by a ']' before the next bracket, and no ']' without a '['. */
    static boolean bracketsBalanced(String s) {
        boolean open = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                if (open) {
                    return false;
                }
                open = true;
            } else if (c == ']') {
                if (!open) {
                    return false;
                }
                open = false;
            }
        }
        return !open;
    }

    private static List<String> bracketContents(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = BRACKET_GROUP.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The names in one of scontrol's answers: names separated by spaces, or a compressed expression (a prefix
     * and at most one bracket group, numbers padded to the width of the low bound), expanded without the
     * library under test.
     */
    static List<String> expandAnswer(String answer) {
        List<String> names = new ArrayList<>();
        for (String token : answer.split("[ ,](?![^\\[]*])")) {
            int open = token.indexOf('[');
            if (token.isEmpty()) {
                continue;
            } else if (open < 0) {
                names.add(token);
                continue;
            }
            String prefix = token.substring(0, open);
            for (String range : token.substring(open + 1, token.length() - 1).split(",")) {
                String[] bounds = range.split("-");
                int width = bounds[0].length();
                for (long v = Long.parseLong(bounds[0]); v <= Long.parseLong(bounds[bounds.length - 1]); v++) {
                    String digits = Long.toString(v);
                    names.add(prefix + "0".repeat(Math.max(0, width - digits.length())) + digits);
                }
            }
        }
        return names;
    }

    private static List<String> sortedNames(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        java.util.Collections.sort(sorted);
        return sorted;
    }

    private static java.util.stream.Stream<String> digitRuns(String s) {
        return DIGITS.matcher(s).results().map(r -> r.group());
    }
}

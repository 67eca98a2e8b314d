package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostlistTest {

    @Nested
    class Expansion {
        @Test
        void commaSpaceAndTabSeparateNamesAndEmptyItemsAreSkipped() {
            assertThat(Hostlist.parse(",,n1, n2\tn3,,  n4 ,").names()).containsExactly("n1", "n2", "n3", "n4");
        }

        @Test
        void emptyExpressionGivesAnEmptyList() {
            assertThat(Hostlist.parse("").names()).isEmpty();
            assertThat(Hostlist.parse(" ,\t").isEmpty()).isTrue();
            assertThat(Hostlist.parse("").compress()).isEmpty();
        }

        @Test
        void commasInsideBracketsSeparateRangesOfOneName() {
            assertThat(Hostlist.parse("n[1-3,7],x").names()).containsExactly("n1", "n2", "n3", "n7", "x");
        }

        @Test
        void zeroPaddingFollowsTheWidthOfTheLowBound() {
            assertThat(Hostlist.parse("x[098-101]").names()).containsExactly("x098", "x099", "x100", "x101");
            assertThat(Hostlist.parse("x[9-11]").names()).containsExactly("x9", "x10", "x11");
            List<String> wide = Hostlist.parse("x[01-100]").names();
            assertThat(wide).hasSize(100).startsWith("x01", "x02").endsWith("x99", "x100");
        }

        @Test
        void twoBracketGroupsExpandAsAProductWithTheLeftGroupSlowest() {
            assertThat(Hostlist.parse("a[1-2]b[3-4]").names()).containsExactly("a1b3", "a1b4", "a2b3", "a2b4");
        }

        @Test
        void threeBracketGroupsVaryTheNextToLastGroupSlowestAsSlurmDoes() {
            assertThat(Hostlist.parse("a[1-2]b[3-4]c[5-6]").names()).containsExactly(
                    "a1b3c5", "a1b3c6", "a2b3c5", "a2b3c6", "a1b4c5", "a1b4c6", "a2b4c5", "a2b4c6");
        }

        @Test
        void duplicatesAreKeptInOrder() {
            assertThat(Hostlist.parse("n[2,1,1],n1").names()).containsExactly("n2", "n1", "n1", "n1");
        }

        @Test
        void prefixMayBeEmptyAndADashOutsideBracketsIsText() {
            assertThat(Hostlist.parse("[1-3]").names()).containsExactly("1", "2", "3");
            assertThat(Hostlist.parse("n1-2,a-b[1-2]").names()).containsExactly("n1-2", "a-b1", "a-b2");
        }

        @Test
        void aRangeMayHold65536HostsAndAGroupBeforeTheLast65536Values() {
            assertThat(Hostlist.parse("n[1-65536]").size()).isEqualTo(65_536);
            assertThat(Hostlist.parse("a[1-65536]b[1]").size()).isEqualTo(65_536);
        }

        @Test
        void namesListAllowsRandomAccessAndIsUnmodifiable() {
            Hostlist h = Hostlist.parse("a[1-3],b,c[08-10]");
            assertThat(h.names().get(0)).isEqualTo("a1");
            assertThat(h.names().get(3)).isEqualTo("b");
            assertThat(h.names().get(5)).isEqualTo("c09");
            assertThatThrownBy(() -> h.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> h.names().get(7)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest(name = "{0} -> column {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "n[1-3        | 2  | '[' is not closed by ']'",
            "[1-3         | 1  | '[' is not closed by ']'",
            "n1,a[1-2     | 5  | '[' is not closed by ']'",
            "n[1-2]]      | 7  | ']' without a matching '['",
            "a]           | 2  | ']' without a matching '['",
            "n[1[2]]      | 4  | '[' inside a bracket group: the '[' at column 2 is not closed",
            "n[3-1]       | 3  | invalid range 3-1: the low bound must not exceed the high bound",
            "x1,y[5,3-1]  | 8  | invalid range 3-1: the low bound must not exceed the high bound",
            "n[a-b]       | 3  | 'a' inside a bracket group: ranges are decimal numbers lo or lo-hi separated by ','",
            "n[1x2]       | 4  | 'x' inside a bracket group: ranges are decimal numbers lo or lo-hi separated by ','",
            "n[+3]        | 3  | '+' inside a bracket group: ranges are decimal numbers lo or lo-hi separated by ','",
            "n[1-3]x      | 7  | text after the last bracket group: a bracket group must end the host name",
            "a[1]b,c      | 5  | text after the last bracket group: a bracket group must end the host name",
            "n[-1]        | 3  | negative numbers are not allowed in a range",
            "n[1--2]      | 5  | negative numbers are not allowed in a range",
            "n[]          | 3  | empty range before ']': ranges are decimal numbers lo or lo-hi",
            "n[1,,2]      | 5  | empty range before ',': ranges are decimal numbers lo or lo-hi",
            "n[3-]        | 5  | range 3- has no high bound",
            "n[0-65536]   | 3  | range 0-65536 has 65537 hosts, more than 65536 in one range",
            "a[1-65536,1]b[1] | 2 | the bracket group expands to 65537 values, more than 65536 for a group that is not the last of its host name",
            "n[1000000000000000000] | 3 | number 1000000000000000000 has more than 18 significant digits",
        })
        void malformedExpressionNamesColumnAndRule(String expression, int column, String rule) {
            HostlistException e = catchThrowableOfType(() -> Hostlist.parse(expression), HostlistException.class);

            assertThat(e).as("refused: %s", expression).isNotNull();
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.expression()).isEqualTo(expression);
            assertThat(e).hasMessage(expression + ": column " + column + ": " + rule);
        }

        @Test
        void whitespaceInsideBracketsIsRefusedAtItsColumn() {
            HostlistException e = catchThrowableOfType(() -> Hostlist.parse("n[1, 3]"), HostlistException.class);
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.rule()).startsWith("a space inside a bracket group");
            assertThat(catchThrowableOfType(() -> Hostlist.parse("n[1\t]"), HostlistException.class).rule())
                    .startsWith("a tab inside a bracket group");
        }

        @Test
        void controlCharacterIsRefusedAtItsColumn() {
            HostlistException e = catchThrowableOfType(() -> Hostlist.parse("n1,n\n2"), HostlistException.class);
            assertThat(e.column()).isEqualTo(5);
            assertThat(e.rule()).isEqualTo("control character U+000A is not allowed in a host name");
        }

        @Test
        void expressionOfMoreThanAMillionNamesIsRefusedAtTheTokenThatCrossesTheBound() {
            HostlistException e = catchThrowableOfType(() -> Hostlist.parse("n1 a[1-1024]b[1-1025]"),
                    HostlistException.class);
            assertThat(e.column()).isEqualTo(4);
            assertThat(e.rule()).isEqualTo("the expression expands to more than 1048576 host names");
        }

        @Test
        void moreThan262144RangesInOneGroupAreRefusedAtTheFirstRangeTooMany() {
            StringBuilder sb = new StringBuilder("n[");
            for (int i = 0; i < 262_145; i++) {
                sb.append(i == 0 ? "" : ",").append('1');
            }
            String expression = sb.append(']').toString();

            HostlistException e = catchThrowableOfType(() -> Hostlist.parse(expression), HostlistException.class);
            assertThat(e.column()).isEqualTo(3 + 2 * 262_144);
            assertThat(e.rule()).isEqualTo("more than 262144 ranges in one bracket group");
        }

        @Test
        void unmatchedBracketIsNeverTurnedIntoANameEndingInBracket() {
            assertThatThrownBy(() -> Hostlist.parse("n[1-3")).isInstanceOf(HostlistException.class)
                    .hasMessage("n[1-3: column 2: '[' is not closed by ']'");
        }

        @Test
        void errorInAnEarlyBracketGroupIsRefusedWhereSlurmWouldDropTheHostsSilently() {
            HostlistException e = catchThrowableOfType(() -> Hostlist.parse("a[3-1]b[1-2]c[5],x1"),
                    HostlistException.class);
            assertThat(e.column()).isEqualTo(3);
        }
    }

    @Nested
    class Compression {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "c1,c2          | c[1-2]",
            "n1,n2,n3,n5    | n[1-3,5]",
            "n9,n10,n11     | n[9-11]",
            "n01,n1         | n[01,1]",
            "n8,n09,n10     | n[8,09-10]",
            "n001,n002,n010 | n[001-002,010]",
            "x1y,x2y        | x1y,x2y",
            "n2,n1,n1,n3    | n[2,1,1,3]",
            "a1b3,a1b4,a2b3 | a1b[3-4],a2b3",
            "login,n1,n2    | login,n[1-2]",
        })
        void compressKeepsInputOrderAsShowHostlist(String names, String expected) {
            Hostlist h = Hostlist.of(List.of(names.split(",")));

            assertThat(h.compress()).isEqualTo(expected);
            assertThat(h).hasToString(expected);
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "n2,n1,n1,n3       | n[1,1-3]",
            "n10,n01,n2,n1     | n[1-2,01,10]",
            "n,n1,n,a          | a,n,n,n1",
            "a1,b1,a2,A1,a     | A1,a,a[1-2],b1",
            "node10,node9,node100,node1 | node[1,9-10,100]",
        })
        void compressSortedSortsThenCompressesAsShowHostlistsorted(String names, String expected) {
            Hostlist h = Hostlist.of(List.of(names.split(",")));

            assertThat(h.compressSorted()).isEqualTo(expected);
            assertThat(h.sorted().compress()).isEqualTo(expected);
        }

        @Test
        void compressedExpressionOfAParsedExpressionKeepsItsPrefixes() {
            assertThat(Hostlist.parse("nid0000[2-7]").compress()).isEqualTo("nid0000[2-7]");
            assertThat(Hostlist.of(Hostlist.parse("nid0000[2-7]").names()).compress()).isEqualTo("nid[00002-00007]");
        }

        @Test
        void sortedKeepsDuplicatesAndSlurmsOrder() {
            assertThat(Hostlist.parse("n[3,1],n2,n1,login").sorted().names())
                    .containsExactly("login", "n1", "n1", "n2", "n3");
        }

        @Test
        void suffixOfMoreThan18DigitsStaysPartOfTheName() {
            Hostlist h = Hostlist.of(List.of("n99999999999999999999", "n1"));

            assertThat(h.compress()).isEqualTo("n99999999999999999999,n1");
            assertThat(Hostlist.parse(h.compress()).names()).containsExactly("n99999999999999999999", "n1");
        }
    }

    @Nested
    class Names {
        @ParameterizedTest(name = "[{0}] column {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "n,1   | 2 | ',' separates host names and cannot be part of one",
            "n 1   | 2 | a space separates host names and cannot be part of one",
            "n[1]  | 2 | '[' marks a range and cannot be part of a host name",
            "n]    | 2 | ']' marks a range and cannot be part of a host name",
        })
        void nameThatCannotStandInAHostlistIsRefused(String name, int column, String rule) {
            HostlistException e = catchThrowableOfType(() -> Hostlist.of(List.of("ok1", name)),
                    HostlistException.class);

            assertThat(e.expression()).isEqualTo(name);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.rule()).isEqualTo(rule);
        }

        @Test
        void emptyNameIsRefused() {
            assertThat(catchThrowableOfType(() -> Hostlist.of(List.of("")), HostlistException.class).rule())
                    .isEqualTo("a host name must not be empty");
        }

        @Test
        void ofKeepsOrderAndDuplicates() {
            List<String> names = List.of("b2", "a1", "b2", "b1");
            assertThat(Hostlist.of(names).names()).containsExactlyElementsOf(names);
            assertThat(Hostlist.of(names).size()).isEqualTo(4);
        }
    }

    @Nested
    class Membership {
        @Test
        void containsMatchesTheExactTextIncludingZeroPadding() {
            Hostlist h = Hostlist.parse("x[01-10],login,nid0000[2-7],[5-6]");

            assertThat(h.contains("x01")).isTrue();
            assertThat(h.contains("x10")).isTrue();
            assertThat(h.contains("x1")).isFalse();
            assertThat(h.contains("x001")).isFalse();
            assertThat(h.contains("x11")).isFalse();
            assertThat(h.contains("login")).isTrue();
            assertThat(h.contains("nid00003")).isTrue();
            assertThat(h.contains("nid3")).isFalse();
            assertThat(h.contains("5")).isTrue();
            assertThat(h.contains("x")).isFalse();
            assertThat(h.contains("")).isFalse();
        }

        @Test
        void equalityIsByNamesInOrder() {
            Hostlist parsed = Hostlist.parse("n[1-3]");
            Hostlist listed = Hostlist.of(List.of("n1", "n2", "n3"));

            assertThat(parsed).isEqualTo(listed).hasSameHashCodeAs(listed);
            assertThat(parsed).isNotEqualTo(Hostlist.parse("n[3,1-2]"));
            assertThat(Hostlist.parse("a1[2-3]")).isEqualTo(Hostlist.parse("a[12-13]"));
        }

        @Test
        void sizeCountsDuplicates() {
            List<String> names = new ArrayList<>(Hostlist.parse("n[1-3],n[2-4]").names());
            assertThat(names).hasSize(6);
            assertThat(Hostlist.parse("n[1-3],n[2-4]").size()).isEqualTo(6);
        }
    }
}

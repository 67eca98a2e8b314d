package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Logical lines as slurmctld 22.05's _get_next_line builds them (parse_config.c). */
class ConfTextTest {

    private static List<String> texts(String text) {
        return ConfText.logicalLines(text).stream().map(l -> l.text().strip()).toList();
    }

    @Test
    void hashStartsACommentAnywhereOnTheLine() {
        assertThat(texts("SlurmdDebug=info # trailing\n# whole line\n")).containsExactly("SlurmdDebug=info", "");
    }

    @Test
    void escapedHashIsKeptAsAHash() {
        assertThat(texts("SlurmdDebug=a\\#b # comment\n")).containsExactly("SlurmdDebug=a#b");
    }

    @Test
    void hashAfterAnEscapedBackslashStartsAComment() {
        assertThat(texts("SlurmdDebug=a\\\\#b\n")).containsExactly("SlurmdDebug=a\\");
    }

    @Test
    void loneBackslashIsDropped() {
        assertThat(texts("SlurmdDebug=a\\b\n")).containsExactly("SlurmdDebug=ab");
    }

    @Test
    void trailingBackslashJoinsTheNextLineWithoutASpace() {
        assertThat(texts("SlurmdDebug=ab\\\ncd\n")).containsExactly("SlurmdDebug=abcd");
    }

    @Test
    void whiteSpaceBeforeTheBackslashIsKept() {
        assertThat(ConfText.logicalLines("SlurmdDebug=ab \\\ncd\n").get(0).text()).isEqualTo("SlurmdDebug=ab cd\n");
    }

    @Test
    void whiteSpaceAfterTheContinuationBackslashIsIgnored() {
        assertThat(texts("NodeName=a \\  \n  CPUs=2\n")).containsExactly("NodeName=a   CPUs=2");
    }

    @Test
    void evenNumberOfTrailingBackslashesDoesNotContinue() {
        assertThat(texts("A=x\\\\\nB=y\n")).containsExactly("A=x\\", "B=y");
    }

    @Test
    void commentBeforeTheContinuationIsRemovedFirst() {
        assertThat(texts("NodeName=a \\ # more below\n CPUs=2\n")).containsExactly("NodeName=a  CPUs=2");
    }

    @Test
    void logicalLineCarriesItsFirstPhysicalLineNumber() {
        List<ConfText.LogicalLine> lines = ConfText.logicalLines("A=1\nB=2 \\\n  C\\\n D\nE=5");
        assertThat(lines).extracting(ConfText.LogicalLine::firstLine).containsExactly(1, 2, 5);
        assertThat(lines.get(2).text()).isEqualTo("E=5");
    }

    @Test
    void dollarTextIsKeptLiterally() {
        assertThat(texts("StateSaveLocation=$LAB/state\n")).containsExactly("StateSaveLocation=$LAB/state");
    }
}

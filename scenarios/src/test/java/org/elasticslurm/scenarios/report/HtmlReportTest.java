package org.elasticslurm.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static String html(ScenarioResult r) {
        return new HtmlReport().render(new RunReport("elastic-lab validate site.conf", SampleReports.STARTED, List.of(r)));
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    @Test
    void nodesWithIdenticalTimelinesAreOneRowLabelledWithTheirHostlistAndCount() {
        String html = html(ManyNodeReports.burst(30, 10));

        assertThat(count(html, "<g class=\"node-row\"")).isEqualTo(3);
        assertThat(html).contains("<g class=\"node-row\" data-node=\"test[11-20]\" data-count=\"10\">")
                .contains(">test[11-20] (10)</text>");
    }

    @Test
    void theTimeAxisIsLabelled() {
        assertThat(html(ManyNodeReports.burst(30, 10))).contains("<text class=\"axis-label\"")
                .contains(">scenario time</text>");
    }

    @Test
    void aThousandNodesWithDistinctTimelinesStayUnderTwoMegabytesAndAHundredRows() {
        String html = html(ManyNodeReports.burst(1_000, 1));

        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000_000);
        assertThat(count(html, "<g class=\"node-row\"")).isEqualTo(SvgTimeline.MAX_ROWS - 1);
        assertThat(html).contains("<g class=\"more-rows\" data-count=\"901\" data-groups=\"901\">")
                .contains("901 more node(s) in 901 further timeline(s), from test100");
        assertThat(html).contains(">hook calls (1000)</text>").doesNotContain("class=\"hook-line\"");
    }

    @Test
    void theCauseOfAFailureComesBeforeTheTimeline() {
        String html = html(ManyNodeReports.powerSaveDisabled(30, "/etc/slurm/resume"));

        assertThat(html).contains("<p class=\"cause\"><strong>cause:</strong> power saving is disabled: ResumeProgram "
                + "/etc/slurm/resume has group or world write permission</p>");
        assertThat(html.indexOf("class=\"cause\"")).isLessThan(html.indexOf("<svg"))
                .isLessThan(html.indexOf("class=\"desc\""));
    }
}

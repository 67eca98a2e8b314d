package org.elasticslurm.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JUnitXmlReportTest {

    private static String xml(RunReport report) {
        StringWriter out = new StringWriter();
        new JUnitXmlReport().write(report, out);
        return out.toString();
    }

    @Test
    void reportIsValidAgainstTheJUnitSchema() throws Exception {
        String xml = xml(SampleReports.both());
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit-report.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void stagesOfARealRunAreSuitePropertiesWithTheirDurationInSeconds() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml(SampleReports.both()))));
        var xpath = XPathFactory.newInstance().newXPath();

        assertThat(xpath.evaluate("/testsuites/testsuite[2]/properties/property[@name='stage n2 machine started']"
                + "/@value", doc)).isEqualTo("6.000 (from 12.100)");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/properties/property[@name='stage n2 slurmd registered']"
                + "/@value", doc)).isEqualTo("1.900 (from 18.100)");
    }

    @Test
    void eachStepAndExpectationIsATestCaseAndNotApplicableOnesAreSkippedWithTheReason() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml(SampleReports.both()))));
        var xpath = XPathFactory.newInstance().newXPath();

        assertThat(xpath.evaluate("/testsuites/testsuite[2]/@name", doc)).isEqualTo("burst-with-fault [sim]");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/@tests", doc)).isEqualTo("6");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/@failures", doc)).isEqualTo("2");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/@skipped", doc)).isEqualTo("2");
        NodeList skipped = (NodeList) xpath.evaluate("/testsuites/testsuite[2]/testcase/skipped/@message", doc,
                XPathConstants.NODESET);
        assertThat(skipped.getLength()).isEqualTo(2);
        assertThat(skipped.item(0).getNodeValue()).isEqualTo("not applicable on sim: <no backend> & co");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/testcase[starts-with(@name,'expect 2')]/failure", doc))
                .isEqualTo("job1 ended NODE_FAIL, not COMPLETED; output: srun: error: Node failure on n1");
        assertThat(xpath.evaluate("/testsuites/testsuite[1]/@failures", doc)).isEqualTo("0");
        assertThat(xpath.evaluate("/testsuites/testsuite[1]/properties/property[@name='target']/@value", doc))
                .isEqualTo("real-slurm");
        assertThat(xpath.evaluate("/testsuites/@tests", doc)).isEqualTo(String.valueOf(2 + 14 + 6));
    }

    @Test
    void theSuiteGroupsNodesWithIdenticalTimelinesAndNamesTheCauseOfAFailure() throws Exception {
        RunReport report = new RunReport("elastic-lab validate site.conf", SampleReports.STARTED,
                java.util.List.of(ManyNodeReports.burst(30, 10), ManyNodeReports.powerSaveDisabled(30, "/x/resume")));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml(report))));
        var xpath = XPathFactory.newInstance().newXPath();

        assertThat(xpath.evaluate("/testsuites/testsuite[1]/system-out", doc))
                .contains("    test[11-20]: 0s idle~ -> 800ms mix~ -> 11.8s mix# -> 41.8s mix\n")
                .doesNotContain("test11:");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/properties/property[@name='cause']/@value", doc))
                .isEqualTo("power saving is disabled: ResumeProgram /x/resume has group or world write permission");
        assertThat(xpath.evaluate("/testsuites/testsuite[2]/system-out", doc)).contains("    test[1-30]: 0s idle~\n");
    }
}

package org.elasticslurm.scenarios.report;

import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.elasticslurm.scenarios.lint.Finding;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Severity;

/**
 * Writes lint findings as JUnit XML: one test suite for the slurm.conf, one test case per rule; a rule with an
 * error (or, when strict, a warning) is a failure listing its findings, the others pass with their findings as
 * output.
 */
public final class LintJUnitReport {

    /**
     * @param conf the slurm.conf linted
     * @param ruleIds every rule that ran, in order
     * @param report the findings
     * @param strict whether warnings fail
     */
    public void write(Path conf, List<String> ruleIds, LintReport report, boolean strict, Writer out) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            long failures = ruleIds.stream().filter(id -> fails(findings(report, id), strict)).count();
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "lint " + conf);
            x.writeAttribute("tests", String.valueOf(ruleIds.size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("file", conf.toString());
            for (String id : ruleIds) {
                List<Finding> findings = findings(report, id);
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "lint." + conf.getFileName());
                x.writeAttribute("name", id);
                x.writeAttribute("time", "0.000");
                String text = findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
                if (fails(findings, strict)) {
                    x.writeStartElement("failure");
                    x.writeAttribute("type", "lint");
                    x.writeAttribute("message", findings.stream().filter(f -> f.severity() != Severity.INFO)
                            .findFirst().map(Finding::toString).orElse(""));
                    x.writeCharacters(text);
                    x.writeEndElement();
                } else if (!findings.isEmpty()) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(text);
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the lint JUnit XML report: " + e.getMessage(), e);
        }
    }

    private static List<Finding> findings(LintReport report, String rule) {
        return report.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static boolean fails(List<Finding> findings, boolean strict) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR
                || strict && f.severity() == Severity.WARNING);
    }
}

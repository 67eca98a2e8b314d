package org.elasticslurm.scenarios.report;

import java.io.Writer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a run report as JUnit XML, the form CI systems read ({@code testsuites/testsuite/testcase} with
 * {@code failure}, {@code error} and {@code skipped}): one test suite per scenario and target, one test case per
 * step and per expectation. Steps and expectations that are not applicable on the target are {@code skipped}
 * with the reason, so CI shows them.
 */
public final class JUnitXmlReport {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Writes the report. */
    public void write(RunReport report, Writer out) {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", report.title());
            x.writeAttribute("tests", String.valueOf(report.scenarios().stream().mapToLong(JUnitXmlReport::tests).sum()));
            x.writeAttribute("failures", String.valueOf(report.scenarios().stream().mapToLong(JUnitXmlReport::failures).sum()));
            x.writeAttribute("errors", String.valueOf(report.scenarios().stream().filter(s -> s.error().isPresent()).count()));
            x.writeAttribute("time", Seconds.decimal(report.scenarios().stream().map(ScenarioResult::wallTime)
                    .reduce(Duration.ZERO, Duration::plus)));
            for (ScenarioResult s : report.scenarios()) {
                suite(x, s, report);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit XML report: " + e.getMessage(), e);
        }
    }

    private static long tests(ScenarioResult s) {
        return s.error().isPresent() ? 1 : s.steps().size() + s.verdicts().size();
    }

    private static long failures(ScenarioResult s) {
        return s.steps().stream().filter(o -> o.status() == StepOutcome.Status.FAILED).count()
                + s.verdicts().stream().filter(v -> v.verdict() == Verdict.FAILED || v.verdict() == Verdict.PENDING).count();
    }

    private static long skipped(ScenarioResult s) {
        return s.steps().stream().filter(o -> o.status() == StepOutcome.Status.NOT_APPLICABLE).count()
                + s.count(Verdict.NOT_APPLICABLE);
    }

    private void suite(XMLStreamWriter x, ScenarioResult s, RunReport report) throws XMLStreamException {
        String classname = "scenarios." + s.name() + "." + s.target().keyword();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", s.name() + " [" + s.target() + "]");
        x.writeAttribute("tests", String.valueOf(tests(s)));
        x.writeAttribute("failures", String.valueOf(failures(s)));
        x.writeAttribute("errors", s.error().isPresent() ? "1" : "0");
        x.writeAttribute("skipped", String.valueOf(skipped(s)));
        x.writeAttribute("time", Seconds.decimal(s.wallTime()));
        x.writeAttribute("timestamp", TIMESTAMP.format(report.startedAt()));
        x.writeAttribute("file", s.file().toString());
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "target", s.target().keyword());
        property(x, "scenario-file", s.file().toString());
        property(x, "scenario-time", Seconds.decimal(s.scenarioTime()));
        if (s.failureCause().isPresent()) {
            property(x, "cause", s.failureCause().get());
        }
        for (org.elasticslurm.scenarios.trace.Stage st : s.stages()) {
            // per-stage durations of a real run: "stage <node> <name>" = seconds (start in scenario time)
            property(x, "stage " + (st.node().isEmpty() ? "" : st.node() + " ") + st.name(),
                    Seconds.decimal(st.duration()) + " (from " + Seconds.decimal(st.start()) + ")");
        }
        x.writeEndElement();
        if (s.error().isPresent()) {
            testcase(x, classname, "setup", Duration.ZERO);
            x.writeStartElement("error");
            x.writeAttribute("type", "target");
            x.writeAttribute("message", s.error().get());
            x.writeCharacters(s.error().get());
            x.writeEndElement();
            x.writeEndElement();
        }
        for (StepOutcome o : s.steps()) {
            testcase(x, classname, "step " + o.index() + ": " + o.description(), o.finishedAt().minus(o.startedAt()));
            switch (o.status()) {
                case FAILED -> problem(x, "failure", "step", o.detail());
                case NOT_APPLICABLE -> problem(x, "skipped", "not-applicable", o.detail());
                case DONE -> {
                    if (!o.detail().isBlank()) {
                        x.writeStartElement("system-out");
                        x.writeCharacters(o.detail());
                        x.writeEndElement();
                    }
                }
            }
            x.writeEndElement();
        }
        for (ExpectationVerdict v : s.verdicts()) {
            testcase(x, classname, "expect " + v.index() + ": " + v.description(), Duration.ZERO);
            switch (v.verdict()) {
                case FAILED, PENDING -> problem(x, "failure", "expectation", v.detail());
                case NOT_APPLICABLE -> problem(x, "skipped", "not-applicable", v.detail());
                case PASSED -> {
                    x.writeStartElement("system-out");
                    x.writeCharacters(v.detail());
                    x.writeEndElement();
                }
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters(new TerminalSummary().scenario(s, false));
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void testcase(XMLStreamWriter x, String classname, String name, Duration time)
            throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("classname", classname);
        x.writeAttribute("name", name);
        x.writeAttribute("time", Seconds.decimal(time));
    }

    private static void problem(XMLStreamWriter x, String element, String type, String message)
            throws XMLStreamException {
        x.writeStartElement(element);
        x.writeAttribute("type", type);
        x.writeAttribute("message", message);
        x.writeCharacters(message);
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }
}

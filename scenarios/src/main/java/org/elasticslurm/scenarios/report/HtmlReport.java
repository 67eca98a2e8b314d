package org.elasticslurm.scenarios.report;

import static org.elasticslurm.scenarios.report.Markup.esc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * A self-contained HTML page (no scripts, no external files) with, per scenario, its verdict, the cause of a
 * failure, an inline SVG timeline ({@link SvgTimeline}), the steps, the expectations and the stages of a real run.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#212121;background:#fafafa}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:0}
            .meta{color:#616161;font-size:13px;margin-bottom:16px}
            section.scenario{background:#fff;border:1px solid #e0e0e0;border-radius:6px;padding:16px;margin:0 0 20px}
            .verdict{display:inline-block;padding:2px 10px;border-radius:10px;font-weight:600;font-size:13px;margin-left:8px;color:#fff}
            .verdict.passed{background:#2e7d32}.verdict.failed{background:#c62828}
            .desc{color:#424242;margin:6px 0 10px;font-size:14px}
            table{border-collapse:collapse;font-size:13px;margin-top:10px;width:100%}
            th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top}
            td.status{font-weight:600;white-space:nowrap}
            tr.passed td.status,tr.done td.status{color:#2e7d32}tr.failed td.status,tr.pending td.status{color:#c62828}
            tr.not_applicable td.status{color:#8d6e00}
            svg.timeline{display:block;margin-top:8px;background:#fff}
            svg .lane-label,svg .node-label{font-size:12px;fill:#424242;font-weight:600}
            svg .band-label{font-size:11px;fill:#fff;font-family:ui-monospace,monospace}
            svg .band.state-drain .band-label{fill:#212121}
            svg .hook-line{stroke:#37474f;stroke-width:1;stroke-dasharray:3 3}
            svg .hook-marker{fill:#37474f}svg .hook-resume .hook-marker{fill:#ef6c00}
            svg .hook-suspend .hook-marker{fill:#6a1b9a}svg .hook-resume-fail .hook-marker{fill:#c62828}
            svg .hook-label{font-size:11px;fill:#263238}
            svg .step path{fill:#546e7a}svg .step-failed path{fill:#c62828}svg .step-not_applicable path{fill:#c0a000}
            svg .step-label{font-size:10px;fill:#546e7a}
            svg .axis line{stroke:#9e9e9e}svg .axis line.grid{stroke:#eeeeee}
            svg .tick{font-size:10px;fill:#616161;text-anchor:middle}
            svg .axis-label{font-size:11px;fill:#424242;font-weight:600}
            p.cause{background:#ffebee;border-left:4px solid #c62828;padding:6px 10px;margin:8px 0;font-size:14px}
            svg .legend text{font-size:11px;fill:#424242}
            """;

    private final SvgTimeline timeline = new SvgTimeline();

    /** Writes the page. */
    public void write(RunReport report, Writer out) {
        try {
            out.write(render(report));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report", e);
        }
    }

    /** The page as text. */
    public String render(RunReport report) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(report.title())).append("</title>\n<style>\n").append(STYLE).append(SvgTimeline.bandStyle()).append("</style>\n</head>\n<body>\n");
        long passed = report.scenarios().stream().filter(ScenarioResult::passed).count();
        b.append("<h1>").append(esc(report.title())).append("</h1>\n<div class=\"meta\">").append(WHEN.format(report.startedAt()))
                .append(" &middot; ").append(report.scenarios().size()).append(" scenario(s), ").append(passed)
                .append(" passed, ").append(report.scenarios().size() - passed).append(" failed</div>\n");
        for (ScenarioResult s : report.scenarios()) {
            scenario(b, s);
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private void scenario(StringBuilder b, ScenarioResult s) {
        String verdict = s.passed() ? "passed" : "failed";
        b.append("<section class=\"scenario\" id=\"").append(esc(s.name() + "-" + s.target())).append("\" data-verdict=\"")
                .append(verdict).append("\">\n<h2>").append(esc(s.name())).append(" on ").append(s.target())
                .append("<span class=\"verdict ").append(verdict).append("\">").append(verdict.toUpperCase(java.util.Locale.ROOT))
                .append("</span></h2>\n<div class=\"meta\">").append(esc(s.file().toString())).append(" &middot; scenario time ")
                .append(Durations.format(s.scenarioTime())).append(" &middot; wall ").append(Durations.format(s.wallTime()))
                .append("</div>\n");
        s.failureCause().ifPresent(c -> b.append("<p class=\"cause\"><strong>cause:</strong> ").append(esc(c))
                .append("</p>\n"));
        if (!s.description().isBlank()) {
            b.append("<p class=\"desc\">").append(esc(s.description())).append("</p>\n");
        }
        b.append(timeline.render(s));
        if (!s.steps().isEmpty()) {
            b.append("<table class=\"steps\">\n<tr><th>step</th><th>at</th><th>status</th><th>what</th><th>detail</th></tr>\n");
            for (StepOutcome o : s.steps()) {
                b.append("<tr class=\"").append(o.status().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                        .append(o.index()).append("</td><td>").append(Durations.format(o.startedAt()))
                        .append("</td><td class=\"status\">").append(o.status().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT))
                        .append("</td><td>").append(esc(o.description())).append("</td><td>").append(esc(o.detail()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!s.verdicts().isEmpty()) {
            b.append("<table class=\"expectations\">\n<tr><th>#</th><th>verdict</th><th>expectation</th><th>met at</th>"
                    + "<th>detail</th></tr>\n");
            for (ExpectationVerdict v : s.verdicts()) {
                b.append("<tr class=\"").append(v.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                        .append(v.index()).append("</td><td class=\"status\">")
                        .append(v.verdict().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT)).append("</td><td>")
                        .append(esc(v.description())).append("</td><td>")
                        .append(v.metAt().map(Durations::format).orElse("")).append("</td><td>").append(esc(v.detail()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!s.stages().isEmpty()) {
            b.append("<table class=\"stages\">\n<tr><th>node</th><th>stage</th><th>from</th><th>took</th></tr>\n");
            for (Stage st : s.stages()) {
                b.append("<tr><td>").append(esc(st.node())).append("</td><td>").append(esc(st.name())).append("</td><td>")
                        .append(Durations.format(st.start())).append("</td><td>").append(Durations.format(st.duration()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("</section>\n");
    }
}

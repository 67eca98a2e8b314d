package org.elasticslurm.scenarios.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elasticslurm.scenarios.report.HtmlReport;
import org.elasticslurm.scenarios.report.JUnitXmlReport;
import org.elasticslurm.scenarios.report.RunReport;

/** Writes the report files of a run into a directory. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** {@code junit.xml} and {@code report.html}; returns the files written. */
    static List<Path> write(Path dir, RunReport report) {
        try {
            Files.createDirectories(dir);
            Path junit = dir.resolve("junit.xml");
            Path html = dir.resolve("report.html");
            try (Writer w = Files.newBufferedWriter(junit, StandardCharsets.UTF_8)) {
                new JUnitXmlReport().write(report, w);
            }
            try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
                new HtmlReport().write(report, w);
            }
            return List.of(junit, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + dir, e);
        }
    }
}

package org.elasticslurm.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.elasticslurm.scenarios.trace.RecordedTrace;
import org.elasticslurm.scenarios.trace.StateChange;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Renders a sample report in headless Chromium and checks what the browser made of it. */
@CpuCost(1)
@ExtendWith(ChromiumAvailable.class)
class HtmlReportChromiumIT {
    /** Kept after the build for people to look at: target/report-sample/{report.html,report.png}. */
    static final Path OUT = Path.of("target/report-sample");

    @TempDir
    static Path profile;

    static String dom;
    static BufferedImage screenshot;

    @BeforeAll
    static void render() throws Exception {
        Files.createDirectories(OUT);
        Path html = OUT.resolve("report.html");
        Files.writeString(html, new HtmlReport().render(SampleReports.both()));
        dom = chromium(profile.resolve("dom"), "--dump-dom", html.toUri().toString());
        Path png = OUT.resolve("report.png");
        Files.deleteIfExists(png);
        chromium(profile.resolve("shot"), "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,1500",
                "--hide-scrollbars", html.toUri().toString());
        screenshot = ImageIO.read(png.toFile());
    }

    /** Runs chromium headless with its own profile directory; kills it and its children after 60 s. */
    private static String chromium(Path userData, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ChromiumAvailable.CHROMIUM.toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + userData));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(profile, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within 60 s: " + command);
            }
            assertThat(p.exitValue()).as("chromium exit status for " + command).isZero();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static List<String> attributes(String element, String attribute, String filter) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<" + element + " [^>]*" + Pattern.quote(filter) + "[^>]*>").matcher(dom);
        while (m.find()) {
            Matcher a = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(m.group());
            if (a.find()) {
                out.add(a.group(1));
            }
        }
        return out;
    }

    @Test
    void eachScenarioHasItsTimeline() {
        assertThat(attributes("svg", "data-scenario", "class=\"timeline\""))
                .containsExactly("level0", "burst-with-fault");
    }

    @Test
    void level0TimelineShowsEveryStateOfTheRealRunAsABandInOrder() {
        List<String> expected = RecordedTrace.read(Path.of("src/test/resources/traces/level0.real-22.05.trace"))
                .observations().states().stream().map(StateChange::state).map(Object::toString).toList();
        assertThat(attributes("g", "data-state", "data-node=\"node1\"")).containsExactlyElementsOf(expected);
        assertThat(dom).contains("<text class=\"band-label\"", ">idle~</text>", ">alloc#</text>", ">idle%</text>");
    }

    @Test
    void hookCallsAreMarkedWithTheirArguments() {
        assertThat(attributes("g", "data-hook", "class=\"hook ")).containsExactly("resume", "suspend", "resume",
                "resume", "resume-fail");
        assertThat(attributes("g", "data-args", "class=\"hook ")).containsExactly("node1", "node1", "n1", "n2", "n1");
        assertThat(dom).contains(">resume node1</text>", ">suspend node1</text>", ">resume-fail n1</text>");
    }

    @Test
    void notApplicableStepIsShownAsSuchAndTextIsEscaped() {
        assertThat(dom).contains("class=\"step step-not_applicable\"")
                .contains("not applicable on sim: &lt;no backend&gt; &amp; co");
    }

    @Test
    void screenshotShowsTheStateColours() {
        assertThat(screenshot.getWidth()).isEqualTo(1200);
        assertThat(pixels(0x43a047)).as("idle (green) band pixels").isGreaterThan(2_000);
        assertThat(pixels(0xfb8c00)).as("powering-up (orange) band pixels").isGreaterThan(500);
        assertThat(pixels(0x9e9e9e)).as("powered-down (grey) band pixels").isGreaterThan(2_000);
        assertThat(pixels(0xe53935)).as("down (red) band pixels").isGreaterThan(500);
    }

    private static long pixels(int rgb) {
        long n = 0;
        for (int y = 0; y < screenshot.getHeight(); y++) {
            for (int x = 0; x < screenshot.getWidth(); x++) {
                if ((screenshot.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}

package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the hook program: random argv, odd SLURM_RESUME_FILE values, a service answering anything,
 * an stderr that cannot be written. Every run ends with a documented exit status, without a stack trace, within
 * the hook's deadline plus a margin. {@code fuzz.hook-runs} runs (default 300), seed {@code fuzz.seed}.
 */
class HookFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(0, 2, 3, 4, 64);
    private static final int DEADLINE_MILLIS = 300;
    @TempDir
    Path dir;
    CannedService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyRunEndsWithADocumentedStatusWithoutATraceWithinTheDeadline() throws IOException {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int runs = Integer.getInteger("fuzz.hook-runs", 300);
        Random random = new Random(seed);
        service = new CannedService(dir, DEADLINE_MILLIS, body -> answer(random));
        List<Path> resumeFiles = resumeFiles();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            String[] argv = argv(random);
            Map<String, String> env = new HashMap<>();
            env.put(ClientConfig.FILE_ENV, random.nextInt(20) == 0 ? dir.resolve("missing.conf").toString()
                    : service.conf.toString());
            if (random.nextBoolean()) {
                env.put("SLURM_RESUME_FILE", resumeFiles.get(random.nextInt(resumeFiles.size())).toString());
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream stream = random.nextInt(10) == 0 ? new PrintStream(new ClosedStream()) : new PrintStream(err);
            String what = "seed " + seed + " (replay with -Dfuzz.seed=" + seed + "), run " + i + ": argv "
                    + abbreviate(List.of(argv).toString()) + ", env " + abbreviate(env.toString());
            int status = assertTimeoutPreemptively(Duration.ofMillis(DEADLINE_MILLIS + 5000),
                    () -> HookMain.run(argv, env, stream), what);
            String text = err.toString(StandardCharsets.UTF_8);
            assertThat(status).as(what + "\nstderr: " + abbreviate(text)).isIn(DOCUMENTED);
            assertThat(text).as(what).doesNotContain("\tat ").doesNotContain("Exception in thread");
            counts.merge(status, 1, Integer::sum);
        }
        System.out.println("HookFuzzTest: seed " + seed + ", " + runs + " runs, exit statuses " + counts);
    }

    private static CannedService.Answer answer(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new CannedService.Answer(400, "{\"error\":\"nodes: not a valid hostlist\"}");
            case 1 -> new CannedService.Answer(401, "{\"error\":\"missing or wrong bearer token\"}");
            case 2 -> new CannedService.Answer(503, "{\"error\":\"busy\"}");
            case 3 -> new CannedService.Answer(500, "<html>oops</html>");
            case 4 -> new CannedService.Answer(202, "{}");
            case 5 -> new CannedService.Answer(202, "{\"operations\":[{\"id\":\"a\",\"node\":\"test1\",\"kind\":"
                    + "\"RESUME\",\"status\":\"RUNNING\"}]}");
            case 6 -> new CannedService.Answer(202, "[".repeat(100_000));
            default -> new CannedService.Answer(202, "{\"operations\":" + "[".repeat(5000) + "]");
        };
    }

    private static String[] argv(Random random) {
        List<String> actions = List.of("resume", "suspend", "resume-fail", "", "install-not", "RESUME");
        List<String> hostlists = List.of("test1", "test[1-2]", "", " ", "test[0-99999999999]",
                "test[" + "[".repeat(200), "test1,".repeat(50_000) + "x", "节点[1-2]", "-h", "--help",
                "test[1-1000000]", "a\u0000b", "test[2-1]", "x".repeat(200_000));
        int n = random.nextInt(12) == 0 ? random.nextInt(200) : 2;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(i == 0 && random.nextInt(5) != 0 ? actions.get(random.nextInt(3))
                    : random.nextInt(4) == 0 ? actions.get(random.nextInt(actions.size()))
                    : hostlists.get(random.nextInt(hostlists.size())));
        }
        return args.toArray(String[]::new);
    }

    private List<Path> resumeFiles() throws IOException {
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, "{\"jobs\":[],\"pad\":\"" + "x".repeat(1 << 21) + "\"}");
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "not json at all");
        Path deep = dir.resolve("deep.json");
        Files.writeString(deep, "{\"jobs\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {'{', (byte) 0xff, (byte) 0xfe, 0, '}'});
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        return List.of(huge, notJson, deep, empty, binary, directory, dir.resolve("missing.json"),
                Path.of("relative.json"), Path.of("/dev/null"), Path.of("/proc/self/mem"));
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    /** An stderr whose descriptor is closed: every write fails. */
    private static final class ClosedStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("Bad file descriptor");
        }
    }
}

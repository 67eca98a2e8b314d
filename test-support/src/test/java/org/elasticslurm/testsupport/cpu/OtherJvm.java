package org.elasticslurm.testsupport.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link SlotHolderMain} process on this JVM's class path, and the lines it printed so far. */
final class OtherJvm implements AutoCloseable {
    private final Process process;
    private final List<String> says = new CopyOnWriteArrayList<>();

    OtherJvm(Path dir, int slots, int cost) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SlotHolderMain.class.getName(), dir.toString(), Integer.toString(slots), Integer.toString(cost))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(says::add);
            } catch (IOException e) {
                says.add("read failed: " + e);
            }
        }, "other-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    boolean said(String line) {
        return says.contains(line);
    }

    void release() throws IOException {
        Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        in.write("release\n");
        in.flush();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}

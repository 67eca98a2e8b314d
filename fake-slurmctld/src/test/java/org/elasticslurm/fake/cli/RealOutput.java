package org.elasticslurm.fake.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a real Slurm 22.05.8 command printed, recorded in {@code real-22.05/NAME.out|err|rc} (see the README
 * there).
 *
 * @param out  stdout
 * @param err  stderr
 * @param exit the exit status
 */
record RealOutput(String out, String err, int exit) {

    static RealOutput of(String name) {
        return new RealOutput(read(name + ".out"), read(name + ".err"), Integer.parseInt(read(name + ".rc").strip()));
    }

    private static String read(String file) {
        try (InputStream in = RealOutput.class.getResourceAsStream("real-22.05/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording real-22.05/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.elasticslurm.testsupport.cpu;

import java.nio.file.Path;

/**
 * The machine's CPU budget as the system properties give it: {@value #SLOTS} (default {@value #DEFAULT_SLOTS}, one
 * per core of the CI machine) and {@value #DIRECTORY} (default {@code elastic-slurm-lab-cpu-slots} under
 * {@code java.io.tmpdir}). Every JVM on the machine must use the same values: the budget is shared through the slot
 * files of that directory.
 */
public record SlotSettings(int slots, Path directory) {

    /** System property: the number of CPU slots of the machine (default {@value #DEFAULT_SLOTS}). */
    public static final String SLOTS = "test.cpu-slots";
    /** System property: the directory of the slot lock files, shared by every JVM of the machine. */
    public static final String DIRECTORY = "test.cpu-slots.dir";
    /** The number of slots when {@value #SLOTS} is blank or unset. */
    public static final int DEFAULT_SLOTS = 2;

    /** The settings of this JVM's system properties. */
    public static SlotSettings fromSystemProperties() {
        return new SlotSettings(slots(System.getProperty(SLOTS, "")),
                directory(System.getProperty(DIRECTORY, ""), System.getProperty("java.io.tmpdir")));
    }

    /** The slots a value of {@value #SLOTS} gives: a whole number >= 1, {@value #DEFAULT_SLOTS} when blank. */
    static int slots(String value) {
        if (value.isBlank()) {
            return DEFAULT_SLOTS;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(
                "-D" + SLOTS + "=" + value + ": expected a whole number of CPU slots >= 1 (default " + DEFAULT_SLOTS + ")");
    }

    /** The directory a value of {@value #DIRECTORY} gives: that path, or {@code elastic-slurm-lab-cpu-slots} in tmp. */
    static Path directory(String value, String tmpdir) {
        return value.isBlank() ? Path.of(tmpdir, "elastic-slurm-lab-cpu-slots") : Path.of(value.strip());
    }
}

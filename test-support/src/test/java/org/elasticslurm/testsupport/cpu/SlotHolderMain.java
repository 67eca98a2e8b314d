package org.elasticslurm.testsupport.cpu;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The second JVM of {@link MachineSlotsAcrossJvmsTest}: {@code <directory> <slots> <cost>} takes {@code cost} of the
 * directory's slots, prints {@code held <n>}, gives them back when a line arrives on standard input, prints
 * {@code released} and ends.
 */
public final class SlotHolderMain {

    private SlotHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        MachineSlots slots = MachineSlots.open(new SlotSettings(Integer.parseInt(args[1]), Path.of(args[0])));
        System.out.println("asking");
        try (MachineSlots.Held held = slots.acquire(Integer.parseInt(args[2]))) {
            System.out.println("held " + held.count());
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("released");
    }
}

package org.elasticslurm.scenarios.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.process.LabException;

/**
 * The slurmctld a run had, for its version line ({@link Target#slurmctld()}): an emulation of the version chosen,
 * or a real slurmctld, with what its {@code slurmctld -V} printed or why that could not be read. A real
 * slurmctld whose version was not read is still real: the run meant to run that daemon.
 */
public sealed interface SlurmctldVersion {

    /** What the real {@code slurmctld -V} printed (e.g. {@code slurm-wlm 24.11.5}), when it was read. */
    default Optional<String> printed() {
        return this instanceof Read r ? Optional.of(r.line()) : Optional.empty();
    }

    /**
     * A real slurmctld's version: the first line its {@code slurmctld -V} prints, or why that could not be read
     * (it failed, printed nothing, or did not end within 30 s).
     *
     * @param exe the slurmctld the run starts
     */
    static SlurmctldVersion read(Path exe) {
        List<String> command = List.of(exe.toString(), "-V");
        CommandResult r;
        try {
            r = CommandResult.run(command, Map.copyOf(System.getenv()), Path.of("/"), Duration.ofSeconds(30));
        } catch (LabException e) {
            return new Unread(e.getMessage());
        }
        String first = r.stdout().strip().lines().findFirst().orElse("");
        if (r.exitCode() == 0 && !first.isEmpty()) {
            return new Read(first);
        }
        String said = String.join("; ", (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip().lines().toList());
        return new Unread(String.join(" ", command)
                + (r.exitCode() == 0 ? " printed nothing" : r.exitCode() < 0 ? " did not end within 30 s"
                        : " exited " + r.exitCode()) + (said.isEmpty() ? "" : ": " + said));
    }

    /** What a report says of this slurmctld, in its summary's version line and in its title. */
    ReportNote reportNote();

    /**
     * What a report says of a run's slurmctld.
     *
     * @param summary what the summary's version line says in parentheses after {@code Slurm V}: {@code emulated},
     *                {@code real: slurmctld -V: LINE} or {@code real slurmctld; its version was not read: WHY}
     * @param title   what the report's title says in parentheses after {@code --slurm-version V}, for a real slurmctld
     *                only: {@code slurmctld -V: LINE} or {@code real slurmctld; its version was not read: WHY}
     */
    record ReportNote(String summary, Optional<String> title) {
    }

    /** The target emulates slurmctld (sim, fake-realtime, the fake controller of libvirt-test and qemu). */
    record Emulated() implements SlurmctldVersion {

        @Override
        public ReportNote reportNote() {
            return new ReportNote("emulated", Optional.empty());
        }
    }

    /**
     * A real slurmctld whose version was read.
     *
     * @param line the first line its {@code slurmctld -V} printed
     */
    record Read(String line) implements SlurmctldVersion {

        @Override
        public ReportNote reportNote() {
            String printed = "slurmctld -V: " + line;
            return new ReportNote("real: " + printed, Optional.of(printed));
        }
    }

    /**
     * A real slurmctld whose version could not be read.
     *
     * @param why what went wrong (e.g. {@code slurmctld -V exited 70: cannot bind-mount ...})
     */
    record Unread(String why) implements SlurmctldVersion {

        @Override
        public ReportNote reportNote() {
            String unread = "real slurmctld; its version was not read: " + why;
            return new ReportNote(unread, Optional.of(unread));
        }
    }
}

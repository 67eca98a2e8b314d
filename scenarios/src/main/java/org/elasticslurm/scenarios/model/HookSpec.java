package org.elasticslurm.scenarios.model;

import java.nio.file.Path;
import java.util.OptionalInt;

/** What program a scenario installs for a hook role. */
public sealed interface HookSpec {
    /** Where it is declared. */
    Position position();

    /** The file mode to give the installed program ({@code 0775} to reproduce a group-writable hook); default 0755. */
    OptionalInt mode();

    /** A named preset. */
    record Preset(HookPreset preset, OptionalInt mode, Position position) implements HookSpec {
    }

    /**
     * No program at the path slurm.conf names ({@code resume: absent}): slurmctld's check of a missing program, as
     * the differential suite's hook-missing scenario shows it.
     */
    record Absent(Position position) implements HookSpec {
        @Override
        public OptionalInt mode() {
            return OptionalInt.empty();
        }
    }

    /** A site's own program, resolved relative to the scenario file. */
    record Program(Path path, OptionalInt mode, Position position) implements HookSpec {
    }
}

package org.elasticslurm.conf;

import java.util.List;
import java.util.Optional;

/**
 * What slurmctld 22.05 concludes about power saving from its configuration and its hook programs.
 *
 * @param enabled whether power saving runs
 * @param resumeFailProgram the ResumeFailProgram that will be used (empty when none or when dropped as invalid)
 * @param logLines the lines the real daemon logs for these checks, in order, with their prefixes
 *                 ({@code error: } / {@code debug:  })
 */
public record PowerSaveVerdict(boolean enabled, Optional<String> resumeFailProgram, List<String> logLines) {
    public PowerSaveVerdict {
        logLines = List.copyOf(logLines);
    }
}

package org.elasticslurm.scenarios.target.realslurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.scontrol.ScontrolShow;
import org.elasticslurm.conf.scontrol.ShownJob;
import org.elasticslurm.lab.process.CommandResult;

/** The lab's jobs as {@code scontrol show job -o} lists them. */
final class SlurmJobs {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final String scontrol;
    private final Map<String, String> environment;
    private final Path workDir;

    SlurmJobs(String scontrol, Map<String, String> environment, Path workDir) {
        this.scontrol = scontrol;
        this.environment = environment;
        this.workDir = workDir;
    }

    /** The ids of the jobs slurmctld knows now, ascending. */
    List<Long> ids() {
        CommandResult r = CommandResult.run(List.of(scontrol, "show", "job", "-o"), environment, workDir, LIMIT);
        List<Long> ids = new ArrayList<>(ScontrolShow.jobs(r.stdout()).stream().map(ShownJob::id).toList());
        ids.sort(null);
        return ids;
    }

    /** The job's {@code JobState} word, or empty when slurmctld does not know the job (any more). */
    Optional<String> state(long id) {
        CommandResult r = CommandResult.run(List.of(scontrol, "show", "job", "-o", Long.toString(id)), environment,
                workDir, LIMIT);
        return r.exitCode() == 0 ? ScontrolShow.jobs(r.stdout()).stream().findFirst()
                .flatMap(j -> j.record().value("JobState")) : Optional.empty();
    }
}

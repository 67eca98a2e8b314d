package org.elasticslurm.scenarios.target.realslurm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.fake.reference.CommandResult;

/** The lab's jobs as {@code scontrol show job -o} lists them. */
final class SlurmJobs {

    private static final Pattern JOB_ID = Pattern.compile("(?:^|\\s)JobId=(\\d+)");
    private static final Pattern JOB_STATE = Pattern.compile("(?:^|\\s)JobState=(\\S+)");
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
        List<Long> ids = new ArrayList<>();
        Matcher m = JOB_ID.matcher(r.stdout());
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        ids.sort(null);
        return ids;
    }

    /** The job's {@code JobState} word, or empty when slurmctld does not know the job (any more). */
    Optional<String> state(long id) {
        CommandResult r = CommandResult.run(List.of(scontrol, "show", "job", "-o", Long.toString(id)), environment,
                workDir, LIMIT);
        Matcher m = JOB_STATE.matcher(r.stdout());
        return r.exitCode() == 0 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

package org.elasticslurm.fake.hook;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a power-save program, as slurmctld 22.05 starts it ({@code power_save.c _run_prog}).
 *
 * @param kind which program
 * @param program the program's absolute path as configured
 * @param hostlist argv[1]: the sorted, compressed hostlist of the nodes
 * @param environment the whole environment besides the resume file: in 22.05 exactly {@code SLURM_CONF}
 * @param resumeJson for ResumeProgram, the JSON that {@code SLURM_RESUME_FILE} must hold while the program runs
 * @param workingDirectory the controller's working directory, which the program inherits
 */
public record HookInvocation(HookKind kind, String program, String hostlist, Map<String, String> environment,
                             Optional<String> resumeJson, Path workingDirectory) {

    public HookInvocation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(hostlist, "hostlist");
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        Objects.requireNonNull(resumeJson, "resumeJson");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** argv[0]: the program's base name, as 22.05 passes it. */
    public String argv0() {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }
}

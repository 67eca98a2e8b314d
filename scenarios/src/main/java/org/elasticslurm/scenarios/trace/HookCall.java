package org.elasticslurm.scenarios.trace;

import java.time.Duration;
import java.util.List;
import org.elasticslurm.scenarios.model.HookRole;

/**
 * slurmctld started a hook program.
 *
 * @param at scenario time of the start
 * @param hook which program
 * @param args its arguments after argv[0] (argv[1] is the hostlist)
 */
public record HookCall(Duration at, HookRole hook, List<String> args) {
    public HookCall {
        args = List.copyOf(args);
    }

    /** The hostlist argument, or empty text when there is none. */
    public String hostlist() {
        return args.isEmpty() ? "" : args.get(0);
    }
}

package org.elasticslurm.fake.hook;

import java.time.Instant;

/**
 * A program start recorded by {@link RecordingHookRunner}.
 *
 * @param time when the controller started it
 * @param pid the process id it was given
 * @param invocation what was started
 */
public record HookCall(Instant time, long pid, HookInvocation invocation) {

    /** Which program. */
    public HookKind kind() {
        return invocation.kind();
    }

    /** argv[1]. */
    public String hostlist() {
        return invocation.hostlist();
    }
}

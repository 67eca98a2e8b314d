package org.elasticslurm.scenarios.target;

import org.elasticslurm.scenarios.model.TargetKind;

/** No runner is wired for the target (yet, or on this machine). */
public final class TargetUnavailableException extends TargetException {
    private final TargetKind kind;

    /** @param kind the target asked for, @param why what is missing */
    public TargetUnavailableException(TargetKind kind, String why) {
        super(why, null);
        this.kind = kind;
    }

    /** The target asked for. */
    public TargetKind kind() {
        return kind;
    }
}

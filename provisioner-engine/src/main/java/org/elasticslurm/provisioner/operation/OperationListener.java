package org.elasticslurm.provisioner.operation;

/** Receives every transition (operation log, metrics). Called in order per node; must not block for long. */
public interface OperationListener {

    /** One transition. */
    void onEvent(OperationEvent event);
}

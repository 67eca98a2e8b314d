package org.elasticslurm.provisioner.operation;

import java.util.List;

/** Several listeners as one, called in order. */
public final class OperationListeners implements OperationListener {
    private final List<OperationListener> listeners;

    /** @param listeners called in this order */
    public OperationListeners(List<OperationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEvent(OperationEvent event) {
        for (OperationListener l : listeners) {
            l.onEvent(event);
        }
    }
}

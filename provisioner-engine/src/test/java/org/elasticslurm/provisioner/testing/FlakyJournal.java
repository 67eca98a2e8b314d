package org.elasticslurm.provisioner.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.operation.OperationEvent;
import org.elasticslurm.provisioner.operation.OperationJournal;
import org.elasticslurm.provisioner.operation.OperationLogException;

/** A journal whose writes fail with "No space left on device" while {@link #full} is set; keeps what it wrote. */
public final class FlakyJournal implements OperationJournal {
    public static final String ENOSPC = "cannot append to the operation log /var/lib/elastic-slurm/operations.jsonl:"
            + " No space left on device";
    public final List<OperationEvent> written = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean full;
    private volatile String failure;

    @Override
    public void onEvent(OperationEvent event) {
        if (full) {
            failure = ENOSPC;
            throw new OperationLogException(ENOSPC, null);
        }
        failure = null;
        written.add(event);
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean probe() {
        if (full) {
            failure = ENOSPC;
            return false;
        }
        failure = null;
        return true;
    }
}

package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.backend.BackendException;

/**
 * A call whose caller gave up (no answer within the call timeout, or the caller was interrupted) while the call may
 * still run: what it makes on the host (a domain, a volume) may appear after this was thrown. Transient.
 */
final class AbandonedCall extends BackendException {
    private final transient CountDownLatch ended;
    private final Duration limit;

    AbandonedCall(String message, CountDownLatch ended, Duration limit, Throwable cause) {
        super(message, true, cause);
        this.ended = ended;
        this.limit = limit;
    }

    /**
     * Waits, at most the call timeout once more, for the call to end (it ended at once when it never began).
     *
     * @return whether it ended: what it did is then visible on the host
     */
    boolean awaitEnd() {
        try {
            return ended.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

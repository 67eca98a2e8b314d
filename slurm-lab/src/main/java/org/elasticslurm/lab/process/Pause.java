package org.elasticslurm.lab.process;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The lab's one way to wait on the wall clock between polls of real daemons. */
public final class Pause {

    private Pause() {
    }

    /**
     * Sleeps for {@code duration}.
     *
     * @throws LabException when interrupted (the thread's interrupt flag is set again)
     */
    public static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }
}

package org.elasticslurm.provisioner.libvirt;

import java.util.concurrent.CountDownLatch;

/** Stand-in calls that hang until a test answers them, as a libvirt call without answer does (interrupts ignored). */
final class Uninterruptibly {
    private Uninterruptibly() {
    }

    /** Waits for the latch, ignoring interrupts meanwhile; the interrupt status is kept for the caller. */
    static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

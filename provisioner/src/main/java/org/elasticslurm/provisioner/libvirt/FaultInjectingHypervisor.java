package org.elasticslurm.provisioner.libvirt;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * TEST ONLY: a {@link Hypervisor} that makes calls fail as a {@link FaultPlan} says (transient errors, permanent
 * errors, calls that hang and then fail) before they reach the real host. Used only when the test-only setting
 * {@code provisioner.libvirt.test-faults} is given, which the service refuses in the prod profile. Every injected
 * fault is logged as {@code injected fault <KIND> on <call>}. Connection-level calls ({@link #uri()},
 * {@link #reachable()}, {@link #close()}) are never faulted.
 */
public final class FaultInjectingHypervisor extends InterceptingHypervisor {
    private static final Logger LOG = Logger.getLogger(FaultInjectingHypervisor.class);

    private final FaultPlan plan;
    private final FaultPlan.Dice dice;
    private final AtomicLong injected = new AtomicLong();

    public FaultInjectingHypervisor(Hypervisor delegate, FaultPlan plan) {
        super(delegate);
        this.plan = plan;
        this.dice = plan.dice();
    }

    /** How many faults were injected so far. */
    public long injected() {
        return injected.get();
    }

    @Override
    protected <T> T around(String what, Supplier<T> real) {
        Optional<FaultPlan.Fault> fault = dice.next();
        if (fault.isEmpty()) {
            return real.get();
        }
        injected.incrementAndGet();
        LOG.warnf("injected fault %s on %s", fault.get(), what);
        switch (fault.get()) {
            case PERMANENT -> throw new BackendException("injected permanent fault: " + what + " on "
                    + delegate.uri(), false, null);
            case HANG -> {
                try {
                    Thread.sleep(plan.hang().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new BackendException("injected hang: " + what + " on " + delegate.uri() + " timed out after "
                        + plan.hang().toMillis() + " ms", true, null);
            }
            default -> throw new BackendException("injected transient fault: " + what + " on " + delegate.uri(),
                    true, null);
        }
    }
}

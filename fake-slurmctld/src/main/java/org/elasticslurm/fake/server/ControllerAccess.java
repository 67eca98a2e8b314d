package org.elasticslurm.fake.server;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.sim.RealTimeDriver;

/**
 * The only way the daemon's threads (HTTP handlers, slurmd replies) reach the controller: every call is handed
 * to the driver thread, on which the controller is confined, and its result handed back.
 */
final class ControllerAccess {

    /** Longest a request waits for the controller thread (slurmctld's MessageTimeout default). */
    static final Duration CALL_LIMIT = Duration.ofSeconds(10);

    /** A function of the controller, run on its thread. */
    @FunctionalInterface
    interface ControllerFunction<T> {
        T apply(SlurmController controller) throws Exception;
    }

    private final RealTimeDriver driver;
    private final SlurmController controller;

    ControllerAccess(RealTimeDriver driver, SlurmController controller) {
        this.driver = driver;
        this.controller = controller;
    }

    /** Runs a function on the controller thread and waits for its result. */
    <T> T call(ControllerFunction<T> function) {
        Callable<T> task = () -> function.apply(controller);
        try {
            return driver.call(task).get(CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("controller call failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the controller thread did not answer within " + CALL_LIMIT.toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the controller", e);
        }
    }

    /** Hands an action to the controller thread without waiting; dropped once the controller has stopped. */
    void post(java.util.function.Consumer<SlurmController> action) {
        driver.execute(() -> {
            if (controller.isRunning()) {
                action.accept(controller);
            }
        });
    }

    /** The controller's clock in whole seconds (time(NULL)); call it inside {@link #call}. */
    long nowSeconds() {
        return Math.floorDiv(driver.nowMillis(), 1000L);
    }
}

package org.elasticslurm.fake.slurmd;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.elasticslurm.fake.controller.LogLevel;
import org.elasticslurm.fake.server.DaemonLog;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.Registration;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.SlurmReply;
import org.elasticslurm.fake.wire.TaskResult;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireClient;
import org.elasticslurm.fake.wire.WireException;

/**
 * slurmd's side of the conversation with the controller: registers at start (retrying while the controller is
 * down), registers again when the controller asks and when it finds a new controller instance (a restarted
 * slurmctld), and delivers the ends of its work, retrying for a while if the controller is away.
 */
final class ControllerLink {

    private static final Duration WATCH_PERIOD = Duration.ofSeconds(2);
    private static final Duration REPORT_RETRY = Duration.ofSeconds(1);
    private static final int REPORT_ATTEMPTS = 300;

    private final WireClient controller;
    private final Supplier<Registration> registration;
    private final DaemonLog log;
    private final BlockingQueue<Boolean> registerRequests = new LinkedBlockingQueue<>();
    private final BlockingQueue<TaskResult> reports = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private OptionalLong instance = OptionalLong.empty();
    private boolean failureLogged;

    ControllerLink(WireClient controller, Supplier<Registration> registration, DaemonLog log) {
        this.controller = controller;
        this.registration = registration;
        this.log = log;
    }

    void start() {
        daemonThread("slurmd-registration", this::registrationLoop).start();
        daemonThread("slurmd-reports", this::reportLoop).start();
    }

    void stop() {
        stopped = true;
        registerRequests.add(Boolean.TRUE);
    }

    /** REQUEST_NODE_REGISTRATION_STATUS: register again soon. */
    void registrationRequested() {
        registerRequests.add(Boolean.TRUE);
    }

    /** Queues the end of a launch for the controller. */
    void report(TaskResult result) {
        reports.add(result);
    }

    private void registrationLoop() {
        boolean registered = false;
        while (!stopped) {
            try {
                if (!registered) {
                    registered = register();
                } else if (controllerRestarted()) {
                    log.log(LogLevel.INFO, "slurmctld restarted: registering again");
                    registered = register();
                }
                Boolean asked = registerRequests.poll(WATCH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
                if (asked != null && !stopped) {
                    registerRequests.clear();
                    registered = register();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean register() {
        try {
            JsonObject reply = controller.post(Routes.REGISTER, registration.get().toJson());
            instance = reply.optNumber("instance");
            failureLogged = false;
            if (SlurmReply.errorOf(reply).isPresent()) {
                log.log(LogLevel.ERROR, "Unable to register: " + SlurmReply.errorOf(reply).get());
            }
            return true;
        } catch (UnreachableException | WireException e) {
            if (!failureLogged) {
                log.log(LogLevel.ERROR, "Unable to register: Unable to contact slurm controller (connect failure)");
                failureLogged = true;
            }
            return false;
        }
    }

    private boolean controllerRestarted() {
        try {
            OptionalLong now = controller.get(Routes.PING).optNumber("instance");
            return now.isPresent() && !now.equals(instance);
        } catch (UnreachableException | WireException e) {
            return false;
        }
    }

    private void reportLoop() {
        while (!stopped) {
            TaskResult result;
            try {
                result = reports.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            deliver(result);
        }
    }

    private void deliver(TaskResult result) {
        for (int attempt = 1; attempt <= REPORT_ATTEMPTS && !stopped; attempt++) {
            try {
                controller.post(Routes.TASK_DONE, result.toJson());
                return;
            } catch (UnreachableException | WireException e) {
                if (attempt == 1) {
                    log.log(LogLevel.ERROR, "cannot report the end of job " + result.jobId() + ": "
                            + e.getMessage() + "; retrying");
                }
                try {
                    Thread.sleep(REPORT_RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        log.log(LogLevel.ERROR, "gave up reporting the end of job " + result.jobId());
    }

    private static Thread daemonThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}

package org.elasticslurm.provisioner.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.process.ProcessCommand;
import org.elasticslurm.provisioner.process.ProcessOutcome;
import org.elasticslurm.provisioner.process.ProcessStartException;
import org.elasticslurm.provisioner.process.SupervisedProcess;
import org.jboss.logging.Logger;

/**
 * Starts a domain whose taps must be connected by an {@link AttachCommand}: the domain starts paused (libvirt
 * creates its taps, no guest code runs), the command runs once per interface of type {@code ethernet} (taps
 * read from the live definition) as a supervised child process, then the domain is resumed. When a command
 * fails, times out or cannot be started, the domain is destroyed and the start fails (permanently).
 */
final class TapAttacher {
    private static final Logger LOG = Logger.getLogger(TapAttacher.class);
    private static final int TAIL = 2000;

    private final SupervisedProcess runner;

    TapAttacher(SupervisedProcess runner) {
        this.runner = runner;
    }

    /** Starts a domain: plainly ({@link Hypervisor#start}) without a command, else as {@link #start} does. */
    List<String> start(Hypervisor host, String domain, String node, String pool, Optional<AttachCommand> command) {
        if (command.isEmpty()) {
            host.start(domain);
            return List.of();
        }
        return start(host, domain, node, pool, command.get());
    }

    /**
     * Starts {@code domain} paused unless it is active, attaches its taps and resumes it. A domain found running
     * is left as it is (its taps were attached when it started); one found paused is attached and resumed.
     *
     * @return one note per command run, for the operation log
     * @throws BackendException when the domain has no ethernet interface with a tap, or a command fails
     */
    List<String> start(Hypervisor host, String domain, String node, String pool, AttachCommand command) {
        DomainState state = host.domain(domain).map(DomainSummary::state).orElseThrow(() ->
                new BackendException(host.uri() + ": no domain named '" + domain + "'", false, null));
        if (state == DomainState.RUNNING || state == DomainState.SHUTTING_DOWN) {
            return List.of();
        }
        if (!state.active()) {
            host.startPaused(domain);
        }
        List<String> notes = new ArrayList<>();
        try {
            List<DomainInterface> taps = host.interfaces(domain).stream()
                    .filter(i -> i.type().equals("ethernet") && i.target().isPresent()).toList();
            if (taps.isEmpty()) {
                throw new BackendException("domain " + domain + " on " + host.uri() + " has no interface of type"
                        + " ethernet with a tap (<interface type='ethernet'> with <target dev=.../>), which"
                        + " attach-command of pool " + pool + " needs", false, null);
            }
            for (DomainInterface i : taps) {
                notes.add(run(command.render(i.target().get(), node, domain, i.mac(), pool), command));
            }
            host.resume(domain);
        } catch (RuntimeException e) {
            try {
                host.destroy(domain);
            } catch (RuntimeException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
        return notes;
    }

    private String run(List<String> argv, AttachCommand command) {
        ProcessOutcome outcome;
        try {
            outcome = runner.run(ProcessCommand.of(argv, System.getenv(), command.timeout()));
        } catch (ProcessStartException | IllegalArgumentException e) {
            throw new BackendException("attach-command could not be started: " + e.getMessage(), false, e);
        }
        String output = tail(outcome.output());
        if (outcome.ending() == ProcessOutcome.Ending.TIMED_OUT) {
            throw new BackendException("attach-command " + String.join(" ", argv) + " did not finish within "
                    + command.timeout() + " and was killed with its process group; output: " + output, false, null);
        }
        if (!outcome.succeeded()) {
            throw new BackendException("attach-command " + String.join(" ", argv) + " exited with status "
                    + outcome.exitCode() + "; output: " + output, false, null);
        }
        LOG.debugf("%s", outcome.summary());
        return "attach-command " + String.join(" ", argv) + ": " + outcome.summary()
                + (output.isEmpty() ? "" : "; output: " + output);
    }

    private static String tail(String output) {
        String s = output.strip();
        return s.length() <= TAIL ? s : "..." + s.substring(s.length() - TAIL);
    }
}

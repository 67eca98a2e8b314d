package org.elasticslurm.provisioner.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.elasticslurm.conf.scontrol.ScontrolShow;
import org.elasticslurm.conf.scontrol.ShownNode;

/**
 * {@link SlurmController} that runs {@code scontrol} (an absolute path) with an argument vector and an
 * environment holding only {@code SLURM_CONF}; works against the real slurmctld and against drop-in
 * {@code scontrol} commands alike.
 */
public final class ScontrolController implements SlurmController {
    /** The {@code [user@time]} that slurmctld appends to a node's Reason. */
    private static final Pattern USER_AND_TIME = Pattern.compile("\\s*\\[[^\\]]*@[^\\]]*\\]\\s*$");
    /**
     * Words of scontrol's errors when the controller cannot be reached or went away under the call (slurmctld
     * stopped or restarting: "Transport endpoint is not connected", "Zero Bytes were transmitted or received",
     * "Unexpected missing socket error" when it closes the connection while the request is sent).
     */
    private static final List<String> TRANSIENT = List.of(
            "unable to contact slurm controller", "socket timed out", "connection refused",
            "communication connection failure", "slurmctld is busy", "resource temporarily unavailable",
            "transport endpoint is not connected", "connection reset by peer",
            "zero bytes were transmitted or received", "unexpected missing socket error");

    private final Path scontrol;
    private final Path slurmConf;
    private final Duration timeout;
    private final ProcessRunner runner;

    /**
     * @param scontrol absolute path of scontrol
     * @param slurmConf slurm.conf handed to it as SLURM_CONF
     * @param timeout how long one call may take
     * @param runner runs the processes
     */
    public ScontrolController(Path scontrol, Path slurmConf, Duration timeout, ProcessRunner runner) {
        this.scontrol = scontrol;
        this.slurmConf = slurmConf;
        this.timeout = timeout;
        this.runner = runner;
    }

    @Override
    public void updateNodeAddress(String node, String address, String hostname) {
        run("update", "nodename=" + node, "nodeaddr=" + address, "nodehostname=" + hostname);
    }

    @Override
    public void markDown(String node, String reason) {
        String oneLine = reason.replaceAll("[\\r\\n\\t]+", " ").strip();
        run("update", "nodename=" + node, "state=DOWN", "reason=" + (oneLine.isEmpty() ? "provisioner" : oneLine));
    }

    @Override
    public void returnToService(String node) {
        run("update", "nodename=" + node, "state=RESUME");
    }

    @Override
    public Map<String, SlurmNodeState> nodeStates() {
        ProcessRunner.Result r = run("-o", "show", "node");
        return parseNodes(r.stdout());
    }

    @Override
    public void ping() {
        run("ping");
    }

    /**
     * Reads {@code scontrol -o show node} output with slurm-conf's reader. The state is kept as the words Slurm
     * printed (base and flags), so flags of newer Slurm versions pass through; the reason loses its
     * {@code [user@time]} suffix.
     */
    static Map<String, SlurmNodeState> parseNodes(String output) {
        Map<String, SlurmNodeState> nodes = new LinkedHashMap<>();
        for (ShownNode n : ScontrolShow.nodes(output)) {
            String[] state = n.record().value("State").orElse("UNKNOWN").replace("*", "").split("\\+");
            Set<String> flags = java.util.Arrays.stream(state).skip(1).collect(java.util.stream.Collectors.toSet());
            Optional<String> why = n.reason().map(r -> USER_AND_TIME.matcher(r).replaceFirst("").strip())
                    .filter(r -> !r.isEmpty());
            nodes.put(n.name(), new SlurmNodeState(n.name(), state[0], flags, n.address().orElse(n.name()), why));
        }
        return nodes;
    }

    private ProcessRunner.Result run(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(scontrol.toString());
        argv.addAll(List.of(args));
        ProcessRunner.Result r;
        try {
            r = runner.run(argv, Map.of("SLURM_CONF", slurmConf.toString()), timeout);
        } catch (IOException e) {
            throw new SlurmException(argv, -1, "cannot run " + scontrol + ": " + e.getMessage(), false, e);
        } catch (ProcessRunner.TimeoutException e) {
            throw new SlurmException(argv, -1, e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(argv, -1, "interrupted while waiting for " + scontrol, true, e);
        }
        if (r.exitCode() != 0) {
            String text = errorText(r);
            throw new SlurmException(argv, r.exitCode(), text, isTransient(text), null);
        }
        return r;
    }

    private static String errorText(ProcessRunner.Result r) {
        String err = r.stderr().strip();
        String out = r.stdout().strip();
        if (err.isEmpty()) {
            return out.isEmpty() ? "(no output)" : out.lines().findFirst().orElse(out);
        }
        return err.lines().filter(l -> !l.isBlank()).reduce((a, b) -> a + "; " + b).orElse(err);
    }

    /** Whether scontrol's error text says the controller could not be reached (retry) rather than refused. */
    static boolean isTransient(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return TRANSIENT.stream().anyMatch(lower::contains) || lower.contains(" is down");
    }
}

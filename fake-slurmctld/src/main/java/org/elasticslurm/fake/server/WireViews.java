package org.elasticslurm.fake.server;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.controller.NodeView;
import org.elasticslurm.fake.controller.PartitionView;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.PartitionInfo;
import org.elasticslurm.fake.wire.SlurmAddresses;
import org.elasticslurm.fake.wire.SubmitRequest;

/**
 * Turns the controller's snapshots into what goes on the wire, adding what the model does not keep (the CPU
 * layout of slurm.conf, what slurmds reported, who submitted a job, who set a node's reason).
 */
final class WireViews {

    private final NodeFacts facts;
    private final JobExtras extras;
    private final Map<String, ReasonSetter> reasonSetters = new ConcurrentHashMap<>();
    private volatile SlurmConf conf;

    private record ReasonSetter(String reason, String user) {
    }

    WireViews(SlurmConf conf, NodeFacts facts, JobExtras extras) {
        this.conf = conf;
        this.facts = facts;
        this.extras = extras;
    }

    void reconfigure(SlurmConf newConf) {
        this.conf = newConf;
    }

    /** Remembers who set a node's reason through scontrol update. */
    void reasonSet(List<String> nodes, String reason, String user) {
        nodes.forEach(n -> reasonSetters.put(n, new ReasonSetter(reason, user)));
    }

    NodeInfo node(NodeView v) {
        SlurmConf c = conf;
        Optional<NodeDefinition> def = c.node(v.name());
        int sockets = def.map(NodeDefinition::sockets).orElse(1);
        int cores = def.map(NodeDefinition::coresPerSocket).orElse(1);
        int threads = def.map(NodeDefinition::threadsPerCore).orElse(1);
        List<String> features = def.map(NodeDefinition::features).orElse(List.of());
        int defaultPort = SlurmAddresses.defaultSlurmdPort(c);
        OptionalLong port = v.port().filter(p -> p != defaultPort).map(p -> OptionalLong.of(p))
                .orElse(OptionalLong.empty());
        Optional<NodeFacts.Facts> f = facts.of(v.name());
        Optional<String> reasonUser = v.reason().map(r -> {
            ReasonSetter s = reasonSetters.get(v.name());
            return s != null && s.reason().equals(r) ? s.user() : slurmUser(c);
        });
        return new NodeInfo(v.name(), v.stateWord(), v.state(), v.sinfoCompact(), v.sinfoLong(),
                f.map(NodeFacts.Facts::arch), f.map(NodeFacts.Facts::os), f.map(NodeFacts.Facts::version),
                f.map(x -> OptionalLong.of(x.cpuLoad())).orElse(OptionalLong.empty()),
                f.map(x -> OptionalLong.of(x.freeMem())).orElse(OptionalLong.empty()),
                v.cpus(), v.allocCpus(), 1, sockets, cores, threads, v.realMemory(), v.weight(), features,
                v.nodeAddr(), v.nodeHostName(), port, v.partitions(), seconds(v.bootTime()),
                seconds(v.slurmdStartTime()), seconds(v.lastBusy()), v.reason(), seconds(v.reasonTime()),
                reasonUser);
    }

    static PartitionInfo partition(PartitionView p) {
        return new PartitionInfo(p.name(), p.isDefault(), p.state(), maxMinutes(p.maxTime()), p.nodes());
    }

    JobInfo job(JobView j) {
        Optional<SubmitRequest> r = extras.of(j.id());
        boolean batch = j.kind() == JobKind.BATCH;
        boolean pending = j.stateCode().equals("PD");
        int requested = r.flatMap(x -> x.nodeCount().isPresent() ? Optional.of(x.nodeCount().getAsInt())
                : x.nodeList().map(l -> Hostlist.parse(l).size())).orElse(1);
        int numNodes = j.nodes().isEmpty() || pending ? requested : j.nodes().size();
        Optional<String> command = batch
                ? r.flatMap(SubmitRequest::scriptPath)
                : r.map(x -> String.join(" ", x.command()));
        String workDir = r.map(SubmitRequest::workDir).orElse("/");
        Optional<String> stdOut = batch ? Optional.of(workDir + "/slurm-" + j.id() + ".out") : Optional.empty();
        long submit = j.submitTime().getEpochSecond();
        return new JobInfo(j.id(), j.name(), r.map(SubmitRequest::user).orElse("root"),
                r.map(SubmitRequest::uid).orElse(0L), r.map(SubmitRequest::group).orElse("root"),
                r.map(SubmitRequest::gid).orElse(0L), j.stateName(), j.stateCode(), j.reason(), batch, j.requeue(),
                j.restarts(), j.exitCode().map(OptionalInt::of).orElse(OptionalInt.empty()), submit,
                j.beginTime().map(Instant::getEpochSecond).orElse(submit), seconds(j.startTime()),
                seconds(j.endTime()), j.partition(), r.flatMap(SubmitRequest::nodeList),
                pending ? "" : j.nodeList(), j.nodes().isEmpty() || pending ? Optional.empty()
                : Optional.of(j.nodes().get(0)), numNodes, numNodes, command, workDir, stdOut,
                r.map(SubmitRequest::allocNode).orElse("localhost"), r.map(SubmitRequest::sid).orElse(0L));
    }

    private static String slurmUser(SlurmConf c) {
        return c.parameter("SlurmUser").orElse("root");
    }

    private static OptionalLong seconds(Optional<Instant> t) {
        return t.map(i -> OptionalLong.of(i.getEpochSecond())).orElse(OptionalLong.empty());
    }

    /**
     * A partition's MaxTime in minutes as Slurm's time_str2mins reads it: {@code M}, {@code M:S}, {@code H:M:S},
     * {@code D-H}, {@code D-H:M}, {@code D-H:M:S}; INFINITE and UNLIMITED are empty.
     *
     * @throws IllegalArgumentException for any other text
     */
    static OptionalLong maxMinutes(String maxTime) {
        String v = maxTime.strip().toUpperCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("INFINITE") || v.equals("UNLIMITED") || v.equals("-1")) {
            return OptionalLong.empty();
        }
        try {
            long days = 0;
            String rest = v;
            int dash = v.indexOf('-');
            if (dash > 0) {
                days = Long.parseLong(v.substring(0, dash));
                rest = v.substring(dash + 1);
            }
            String[] parts = rest.split(":");
            long h = 0;
            long m = 0;
            long s = 0;
            if (dash > 0) {
                h = Long.parseLong(parts[0]);
                m = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
                s = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
            } else if (parts.length == 1) {
                m = Long.parseLong(parts[0]);
            } else if (parts.length == 2) {
                m = Long.parseLong(parts[0]);
                s = Long.parseLong(parts[1]);
            } else {
                h = Long.parseLong(parts[0]);
                m = Long.parseLong(parts[1]);
                s = Long.parseLong(parts[2]);
            }
            long seconds = ((days * 24 + h) * 60 + m) * 60 + s;
            return OptionalLong.of((seconds + 59) / 60);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("MaxTime=" + maxTime + " is not a time (minutes, M:S, H:M:S, D-H,"
                    + " D-H:M, D-H:M:S, INFINITE or UNLIMITED)", e);
        }
    }
}

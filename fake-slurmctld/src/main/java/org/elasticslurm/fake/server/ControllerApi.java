package org.elasticslurm.fake.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.fake.controller.CommandResult;
import org.elasticslurm.fake.controller.NodeLookup;
import org.elasticslurm.fake.controller.NodeStateRequest;
import org.elasticslurm.fake.controller.NodeUpdate;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.controller.SlurmdRegistration;
import org.elasticslurm.fake.controller.SubmitResult;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.Scheduler;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.NodeUpdateRequest;
import org.elasticslurm.fake.wire.PartitionInfo;
import org.elasticslurm.fake.wire.Registration;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.SlurmReply;
import org.elasticslurm.fake.wire.SubmitRequest;
import org.elasticslurm.fake.wire.TaskResult;
import org.elasticslurm.fake.wire.WireException;
import org.elasticslurm.fake.wire.WireServer;

/** The controller's routes of the wire protocol: what each command and each slurmd may ask. */
final class ControllerApi {

    /** What the daemon itself does on request. */
    interface Lifecycle {
        /** Re-reads slurm.conf; the Slurm error text if it is refused. */
        Optional<String> reconfigure();

        /** Stops the daemon (returns at once). */
        void shutdown();
    }

    /**
     * What {@code ping} reports.
     *
     * @param clusterName ClusterName
     * @param hostName    the SlurmctldHost name
     * @param instance    identifies this run of the daemon (slurmds re-register when it changes)
     * @param bootTime    when it started
     */
    record Identity(String clusterName, String hostName, long instance, Instant bootTime) {
    }

    private final ControllerAccess access;
    private final Scheduler scheduler;
    private final WireViews views;
    private final JobExtras extras;
    private final TaskResults results;
    private final NodeFacts facts;
    private final SlurmdJobLauncher launcher;
    private final ConfigReport configReport;
    private final Lifecycle lifecycle;
    private final Identity identity;
    private final String confPath;

    ControllerApi(ControllerAccess access, Scheduler scheduler, ServerParts parts, Lifecycle lifecycle,
                  Identity identity, String confPath) {
        this.access = access;
        this.scheduler = scheduler;
        this.views = parts.views();
        this.extras = parts.extras();
        this.results = parts.results();
        this.facts = parts.facts();
        this.launcher = parts.launcher();
        this.configReport = new ConfigReport();
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.confPath = confPath;
    }

    /**
     * The daemon's helpers that the routes share.
     *
     * @param views    snapshots to wire records
     * @param extras   who submitted each job
     * @param results  per-node outputs for srun
     * @param facts    what slurmds reported
     * @param launcher where slurmds report the end of their work
     */
    record ServerParts(WireViews views, JobExtras extras, TaskResults results, NodeFacts facts,
                       SlurmdJobLauncher launcher) {
    }

    void register(WireServer server) {
        server.route("GET", Routes.PING, r -> ping())
                .route("GET", Routes.NODES, r -> nodes(Optional.ofNullable(r.query().get("name"))))
                .route("GET", Routes.JOBS, r -> jobs(Optional.ofNullable(r.query().get("id"))))
                .route("GET", Routes.CONFIG, r -> config())
                .route("POST", Routes.UPDATE_NODE, r -> updateNode(NodeUpdateRequest.fromJson(r.body())))
                .route("POST", Routes.RECONFIGURE, r -> reconfigure())
                .route("POST", Routes.SHUTDOWN, r -> shutdown())
                .route("POST", Routes.SUBMIT_BATCH, r -> submitBatch(SubmitRequest.fromJson(r.body())))
                .route("POST", Routes.COMPLETE_JOB, r -> completeJob(r.body().number("jobId"),
                        r.body().optInteger("exitCode").orElse(0)))
                .route("POST", Routes.REGISTER, r -> register(Registration.fromJson(r.body()),
                        r.peer().getAddress().getHostAddress()))
                .route("POST", Routes.TASK_DONE, r -> taskDone(TaskResult.fromJson(r.body())))
                .stream("POST", Routes.SRUN, (r, sink) -> srun(SubmitRequest.fromJson(r.body()), sink));
    }

    private JsonObject ping() {
        return SlurmReply.ok().put("cluster", identity.clusterName()).put("host", identity.hostName())
                .put("version", SlurmController.SLURM_VERSION).put("instance", identity.instance())
                .put("bootTime", identity.bootTime().getEpochSecond());
    }

    private JsonObject nodes(Optional<String> name) {
        NodeListing listing = access.call(c -> {
            List<NodeInfo> nodes = new ArrayList<>();
            if (name.isPresent()) {
                if (c.node(name.get()) instanceof NodeLookup.Visible v) {
                    nodes.add(views.node(v.node()));
                }
            } else {
                c.nodes().forEach(n -> nodes.add(views.node(n)));
            }
            List<PartitionInfo> partitions = c.partitions().stream().map(WireViews::partition).toList();
            return new NodeListing(access.nowSeconds(), nodes, partitions);
        });
        return SlurmReply.ok().put("listing", listing.toJson());
    }

    private JsonObject jobs(Optional<String> id) {
        Optional<Long> wanted;
        try {
            wanted = id.map(Long::parseLong);
        } catch (NumberFormatException e) {
            return SlurmReply.error("Invalid job id specified");
        }
        Optional<JobListing> listing = access.call(c -> {
            List<JobView> jobs = wanted.isPresent() ? c.job(wanted.get()).map(List::of).orElse(List.of()) : c.jobs();
            if (wanted.isPresent() && jobs.isEmpty()) {
                return Optional.empty();
            }
            if (wanted.isEmpty()) {
                Set<Long> known = new HashSet<>();
                jobs.forEach(j -> known.add(j.id()));
                extras.retainOnly(known);
            }
            List<JobInfo> infos = jobs.stream().map(views::job).toList();
            return Optional.of(new JobListing(access.nowSeconds(), infos));
        });
        return listing.map(l -> SlurmReply.ok().put("listing", l.toJson()))
                .orElseGet(() -> SlurmReply.error("Invalid job id specified"));
    }

    private JsonObject config() {
        List<ConfigReport.Entry> entries = access.call(c -> {
            long next = c.jobs().stream().mapToLong(JobView::id).max().orElse(0) + 1;
            return configReport.entries(c.configuration(), confPath, identity.bootTime(), next);
        });
        List<JsonObject> rows = entries.stream()
                .map(e -> JsonObject.create().put("key", e.key()).put("value", e.value())).toList();
        return SlurmReply.ok().put("entries", rows);
    }

    private JsonObject updateNode(NodeUpdateRequest request) {
        Optional<NodeStateRequest> state = Optional.empty();
        if (request.state().isPresent()) {
            state = NodeStateRequest.parse(request.state().get());
            if (state.isEmpty()) {
                throw new WireException("unknown node state " + request.state().get());
            }
        }
        NodeUpdate update = new NodeUpdate(request.nodeNames(), state, request.reason(), request.nodeAddr(),
                request.nodeHostName());
        CommandResult result = access.call(c -> c.updateNode(update));
        if (result.ok() && request.reason().isPresent()) {
            try {
                views.reasonSet(Hostlist.parse(request.nodeNames()).names(), request.reason().get(), request.user());
            } catch (HostlistException e) {
                throw new WireException("node names accepted by the controller but not by the hostlist parser: "
                        + request.nodeNames(), e);
            }
        }
        return reply(result);
    }

    private JsonObject reconfigure() {
        return lifecycle.reconfigure().map(SlurmReply::error).orElseGet(SlurmReply::ok);
    }

    private JsonObject shutdown() {
        lifecycle.shutdown();
        return SlurmReply.ok();
    }

    private JsonObject submitBatch(SubmitRequest request) {
        JobRequest job = jobRequest(request);
        SubmitResult result = access.call(c -> {
            SubmitResult r = c.submit(job, JobListener.NONE);
            r.job().ifPresent(v -> extras.put(v.id(), request));
            return r;
        });
        if (result.error().isPresent()) {
            return SlurmReply.error(result.error().get().message());
        }
        return SlurmReply.ok().put("jobId", result.jobId());
    }

    private void srun(SubmitRequest request, WireServer.EventSink sink) {
        JobRequest job = jobRequest(request);
        SrunSession session = access.call(c -> {
            SrunSession s = new SrunSession(c, scheduler, results, srunMaxDelayMillis(c));
            SubmitResult r = c.submit(job, s);
            if (r.error().isPresent()) {
                s.rejected(r.error().get());
            } else {
                extras.put(r.jobId(), request);
                s.submitted(r.job().get());
            }
            return s;
        });
        session.relay(sink, () -> access.post(c -> session.abandon()));
    }

    private static long srunMaxDelayMillis(SlurmController c) {
        var ps = c.configuration().powerSave();
        return ps.suspendTimeout().plus(ps.resumeTimeout()).multipliedBy(5).toMillis();
    }

    private JsonObject completeJob(long jobId, int exitCode) {
        return reply(access.call(c -> c.completeJob(jobId, exitCode)));
    }

    private JsonObject register(Registration r, String peer) {
        facts.registered(r);
        SlurmdRegistration registration = new SlurmdRegistration(r.node(), r.upTime(),
                Instant.ofEpochSecond(r.slurmdStartTime()), r.cpus(), r.realMemory(), r.hostname(),
                Optional.of(peer), r.cpuLoad(), r.freeMem());
        CommandResult result = access.call(c -> c.registerSlurmd(registration));
        return reply(result).put("instance", identity.instance());
    }

    private JsonObject taskDone(TaskResult result) {
        launcher.taskDone(result);
        return SlurmReply.ok();
    }

    private static JsonObject reply(CommandResult result) {
        return result.error().map(e -> SlurmReply.error(e.message())).orElseGet(SlurmReply::ok);
    }

    /** The model's request for a submission. */
    static JobRequest jobRequest(SubmitRequest r) {
        if (r.nodeCount().isPresent() && r.nodeCount().getAsInt() < 1) {
            throw new WireException("node count must be at least 1: " + r.nodeCount().getAsInt());
        }
        return new JobRequest(r.batch() ? JobKind.BATCH : JobKind.INTERACTIVE, r.name(), r.command(), r.script(),
                r.nodeList(), r.nodeCount(), r.partition(), r.requeue(), Optional.of(r.workDir()));
    }
}

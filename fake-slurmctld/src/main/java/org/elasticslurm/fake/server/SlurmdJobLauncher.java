package org.elasticslurm.fake.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.controller.LogLevel;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobLaunch;
import org.elasticslurm.fake.job.JobLauncher;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.LaunchRequest;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.SubmitRequest;
import org.elasticslurm.fake.wire.TaskResult;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireClient;
import org.elasticslurm.fake.wire.WireException;

/**
 * Hands the controller's work to the fake slurmds: each node of a launch gets a {@link LaunchRequest}; the launch
 * is finished when every node has reported its {@link TaskResult} (or could not be reached). The combined
 * outcome goes to the controller, the per-node outputs to {@link TaskResults} for the job's srun.
 * REQUEST_TERMINATE_JOB is answered by a slurmd once the job's processes are gone; a slurmd that cannot be
 * reached leaves the node completing, as with the real daemon.
 */
final class SlurmdJobLauncher implements JobLauncher {

    private final SlurmdDirectory directory;
    private final Executor io;
    private final JobExtras extras;
    private final TaskResults results;
    private final DaemonLog log;
    private final String clusterName;
    private final AtomicLong nextLaunch = new AtomicLong(1);
    private final Map<Long, PendingLaunch> pending = new ConcurrentHashMap<>();
    private volatile LongFunction<Optional<JobView>> jobs = id -> Optional.empty();
    private volatile Consumer<String> responded = node -> { };

    private static final class PendingLaunch {
        final long jobId;
        final int nodes;
        final Consumer<JobCompletion> onFinished;
        final List<TaskResult> tasks = new ArrayList<>();

        PendingLaunch(long jobId, int nodes, Consumer<JobCompletion> onFinished) {
            this.jobId = jobId;
            this.nodes = nodes;
            this.onFinished = onFinished;
        }
    }

    SlurmdJobLauncher(SlurmdDirectory directory, Executor io, JobExtras extras, TaskResults results,
                      DaemonLog log, String clusterName) {
        this.directory = directory;
        this.io = io;
        this.extras = extras;
        this.results = results;
        this.log = log;
        this.clusterName = clusterName;
    }

    /**
     * Connects the launcher to its controller.
     *
     * @param lookup    how to look a job up (on the controller thread, where {@link #launch} is called)
     * @param responded told (from an I/O thread) that a node's slurmd answered a launch (node_did_resp)
     */
    void bind(LongFunction<Optional<JobView>> lookup, Consumer<String> responded) {
        this.jobs = lookup;
        this.responded = responded;
    }

    @Override
    public void launch(JobLaunch launch, Consumer<JobCompletion> onFinished) {
        long launchId = nextLaunch.getAndIncrement();
        Optional<JobView> job = jobs.apply(launch.jobId());
        List<String> jobNodes = job.map(JobView::nodes).filter(n -> !n.isEmpty()).orElse(launch.nodes());
        String nodeList = Hostlist.of(jobNodes).compressSorted();
        String jobName = job.map(JobView::name).orElse("job");
        String partition = job.map(JobView::partition).orElse("");
        Optional<SubmitRequest> request = extras.of(launch.jobId());
        Map<String, String> environment = new java.util.LinkedHashMap<>(
                request.map(SubmitRequest::environment).orElse(Map.of()));
        environment.put("SLURM_CLUSTER_NAME", clusterName);
        String workDir = launch.workDir().or(() -> request.map(SubmitRequest::workDir)).orElse("/");
        boolean batch = launch.kind() == JobKind.BATCH;
        pending.put(launchId, new PendingLaunch(launch.jobId(), launch.nodes().size(), onFinished));
        for (int i = 0; i < launch.nodes().size(); i++) {
            String node = launch.nodes().get(i);
            int task = batch ? 0 : jobNodes.indexOf(node);
            LaunchRequest message = new LaunchRequest(launchId, launch.jobId(), batch, jobName, node, task,
                    nodeList, jobNodes.size(), partition, launch.command(), launch.script(), workDir, environment,
                    batch ? Optional.of(workDir + "/slurm-" + launch.jobId() + ".out") : Optional.empty());
            Optional<WireClient> client = directory.client(node);
            io.execute(() -> send(client, message));
        }
    }

    private void send(Optional<WireClient> client, LaunchRequest message) {
        String failure;
        if (client.isEmpty()) {
            failure = "no such node";
        } else {
            try {
                JsonObject answer = client.get().post(Routes.SLURMD_LAUNCH + "?node=" + encode(message.node()),
                        message.toJson());
                if (answer.optBool("ok").orElse(Boolean.FALSE)) {
                    responded.accept(message.node());
                    return;
                }
                failure = answer.optString("error").orElse("refused");
            } catch (UnreachableException | WireException e) {
                failure = "Communication connection failure";
            }
        }
        log.log(LogLevel.ERROR, "Task launch for JobId=" + message.jobId() + " failed on node " + message.node()
                + ": " + failure);
        taskDone(new TaskResult(message.launchId(), message.jobId(), message.node(), message.nodeIndex(),
                OptionalInt.of(1), OptionalInt.empty(), "", ""));
    }

    /** A slurmd reports the end of its part of a launch (any thread). */
    void taskDone(TaskResult result) {
        PendingLaunch launch = pending.get(result.launchId());
        if (launch == null || launch.jobId != result.jobId()) {
            return;
        }
        List<TaskResult> done;
        synchronized (launch) {
            if (launch.tasks.stream().anyMatch(t -> t.node().equals(result.node()))) {
                return;
            }
            launch.tasks.add(result);
            if (launch.tasks.size() < launch.nodes) {
                return;
            }
            done = new ArrayList<>(launch.tasks);
        }
        pending.remove(result.launchId());
        done.sort(Comparator.comparingInt(TaskResult::task));
        results.put(launch.jobId, done);
        int status = done.stream().mapToInt(TaskResult::shellStatus).max().orElse(0);
        StringBuilder output = new StringBuilder();
        done.forEach(t -> output.append(t.stdout()));
        launch.onFinished.accept(new JobCompletion(status, output.toString()));
    }

    @Override
    public void terminate(long jobId, List<String> nodes, Consumer<String> onEpilogComplete) {
        for (String node : nodes) {
            Optional<WireClient> client = directory.client(node);
            io.execute(() -> {
                if (client.isEmpty()) {
                    return;
                }
                try {
                    JsonObject answer = client.get().post(Routes.SLURMD_TERMINATE + "?node=" + encode(node),
                            JsonObject.create().put("jobId", jobId));
                    if (answer.optBool("ok").orElse(Boolean.FALSE)) {
                        onEpilogComplete.accept(node);
                    }
                } catch (UnreachableException | WireException e) {
                    log.log(LogLevel.DEBUG, "REQUEST_TERMINATE_JOB for JobId=" + jobId + " to node " + node
                            + " failed: " + e.getMessage());
                }
            });
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

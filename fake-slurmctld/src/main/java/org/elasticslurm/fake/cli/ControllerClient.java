package org.elasticslurm.fake.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.NodeUpdateRequest;
import org.elasticslurm.fake.wire.Routes;
import org.elasticslurm.fake.wire.SlurmReply;
import org.elasticslurm.fake.wire.SubmitRequest;
import org.elasticslurm.fake.wire.WireClient;

/**
 * The commands' view of the controller. Calls throw {@link org.elasticslurm.fake.wire.UnreachableException} when
 * it does not answer; a refusal comes back as the Slurm error text.
 */
final class ControllerClient {

    /** An answer that is either a value or Slurm's error text. */
    record Result<T>(Optional<T> value, Optional<String> error) {
        static <T> Result<T> of(JsonObject reply, java.util.function.Function<JsonObject, T> read) {
            Optional<String> error = SlurmReply.errorOf(reply);
            return error.isPresent() ? new Result<>(Optional.empty(), error)
                    : new Result<>(Optional.of(read.apply(reply)), Optional.empty());
        }
    }

    private final WireClient client;

    ControllerClient(WireClient client) {
        this.client = client;
    }

    JsonObject ping() {
        return client.get(Routes.PING);
    }

    NodeListing nodes(Optional<String> name) {
        String path = Routes.NODES + name.map(n -> "?name=" + encode(n)).orElse("");
        return NodeListing.fromJson(client.get(path).object("listing"));
    }

    Result<JobListing> jobs(Optional<String> id) {
        String path = Routes.JOBS + id.map(n -> "?id=" + encode(n)).orElse("");
        return Result.of(client.get(path), r -> JobListing.fromJson(r.object("listing")));
    }

    /**
     * {@code scontrol show config}: the key/value rows, in order.
     *
     * @return each row as a two-element list, key then value
     */
    Result<List<List<String>>> config() {
        return Result.of(client.get(Routes.CONFIG), r -> r.objects("entries").stream()
                .map(e -> List.of(e.string("key"), e.string("value"))).toList());
    }

    Optional<String> updateNode(NodeUpdateRequest request) {
        return SlurmReply.errorOf(client.post(Routes.UPDATE_NODE, request.toJson()));
    }

    Optional<String> reconfigure() {
        return SlurmReply.errorOf(client.post(Routes.RECONFIGURE, JsonObject.create()));
    }

    Optional<String> shutdown() {
        return SlurmReply.errorOf(client.post(Routes.SHUTDOWN, JsonObject.create()));
    }

    Result<Long> submitBatch(SubmitRequest request) {
        return Result.of(client.post(Routes.SUBMIT_BATCH, request.toJson()), r -> r.number("jobId"));
    }

    /** Submits an srun job and hands each event to {@code onEvent} until it returns false or the stream ends. */
    boolean srun(SubmitRequest request, Predicate<JsonObject> onEvent) {
        return client.stream(Routes.SRUN, request.toJson(), onEvent);
    }

    Optional<String> completeJob(long jobId, int exitCode) {
        return SlurmReply.errorOf(client.post(Routes.COMPLETE_JOB,
                JsonObject.create().put("jobId", jobId).put("exitCode", exitCode)));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}

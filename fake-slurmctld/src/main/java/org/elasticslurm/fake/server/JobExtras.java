package org.elasticslurm.fake.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticslurm.fake.wire.SubmitRequest;

/**
 * What the controller model does not keep about a job but the commands show or the nodes need: who submitted
 * it, from where, with which environment. Keyed by job id; any thread.
 */
final class JobExtras {

    private final Map<Long, SubmitRequest> requests = new ConcurrentHashMap<>();

    void put(long jobId, SubmitRequest request) {
        requests.put(jobId, request);
    }

    Optional<SubmitRequest> of(long jobId) {
        return Optional.ofNullable(requests.get(jobId));
    }

    /** Forgets jobs the controller no longer knows. */
    void retainOnly(java.util.Set<Long> known) {
        requests.keySet().retainAll(known);
    }
}

package org.elasticslurm.fake.wire;

import java.util.List;

/**
 * The answer to {@code GET /v1/jobs}.
 *
 * @param now  the controller's time, seconds since the epoch (for run times)
 * @param jobs the jobs still known, by id
 */
public record JobListing(long now, List<JobInfo> jobs) {

    public JobListing {
        jobs = List.copyOf(jobs);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("now", now).put("jobs", jobs.stream().map(JobInfo::toJson).toList());
    }

    public static JobListing fromJson(JsonObject o) {
        return new JobListing(o.number("now"), o.objects("jobs").stream().map(JobInfo::fromJson).toList());
    }
}

package org.elasticslurm.fake.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 22.05 content of SLURM_RESUME_FILE, compact, keys in this order:
 * {@code {"jobs":[{"job_id":1,"nodes":"c1"}],"all_nodes":"c[1-2]"}}.
 */
final class ResumeRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> jobs = new ArrayList<>();

    void addJob(long jobId, String nodes) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", jobId);
        job.put("nodes", nodes);
        jobs.add(job);
    }

    String toJson(String allNodes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("jobs", jobs);
        root.put("all_nodes", allNodes);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the resume JSON", e);
        }
    }
}

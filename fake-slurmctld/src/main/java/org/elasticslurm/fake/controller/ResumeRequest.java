package org.elasticslurm.fake.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.SlurmVersion;

/**
 * The content of SLURM_RESUME_FILE, compact, keys in the real daemon's order, per version:
 * 22.05 {@code {"jobs":[{"job_id":1,"nodes":"c1"}],"all_nodes":"c[1-2]"}};
 * 24.11 {@code {"jobs":[{"extra":null,"job_id":1,"features":null,"nodes_alloc":"c1","nodes_resume":"c1",
 * "oversubscribe":"OK","partition":"debug","reservation":null}],"all_nodes_resume":"c1"}};
 * 26.05 as 24.11 with {@code "exclusive":"NO"} first, {@code "priority":1} after job_id and oversubscribe "NO"
 * (as recorded from the real daemons: provisioner's test resources resume-files/real-VERSION*.json).
 */
final class ResumeRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlurmVersion version;
    private final List<Map<String, Object>> jobs = new ArrayList<>();

    ResumeRequest(SlurmVersion version) {
        this.version = version;
    }

    void addJob(JobRecord job, String nodesResume) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (version == SlurmVersion.V22_05) {
            entry.put("job_id", job.id);
            entry.put("nodes", nodesResume);
            jobs.add(entry);
            return;
        }
        boolean v2605 = version == SlurmVersion.V26_05;
        if (v2605) {
            entry.put("exclusive", "NO");
        }
        entry.put("extra", null);
        entry.put("job_id", job.id);
        if (v2605) {
            entry.put("priority", 1);
        }
        entry.put("features", null);
        entry.put("nodes_alloc", job.nodeList);
        entry.put("nodes_resume", nodesResume);
        entry.put("oversubscribe", v2605 ? "NO" : "OK");
        entry.put("partition", job.partition.name);
        entry.put("reservation", null);
        jobs.add(entry);
    }

    String toJson(String allNodes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("jobs", jobs);
        root.put(version == SlurmVersion.V22_05 ? "all_nodes" : "all_nodes_resume", allNodes);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the resume JSON", e);
        }
    }
}

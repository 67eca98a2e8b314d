package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;

/**
 * Reads the job ids per node out of a SLURM_RESUME_FILE of any Slurm version. The file is advice: the hostlist
 * argument of the hook decides what is resumed. A job's nodes are {@code nodes_resume} (24.11 and later),
 * else {@code nodes} (22.05), else {@code nodes_alloc}; unknown keys are ignored; what cannot be understood is
 * skipped and described in {@link Reading#problems()}, never refused.
 */
final class ResumeFileReader {
    private static final List<String> NODE_KEYS = List.of("nodes_resume", "nodes", "nodes_alloc");

    /**
     * What was read.
     *
     * @param jobsByNode job ids per node name, in file order
     * @param problems the parts that were not understood (empty when the whole file was)
     */
    record Reading(Map<String, List<Long>> jobsByNode, List<String> problems) {
    }

    private ResumeFileReader() {
    }

    /**
     * Reads a resume file; {@code null} or JSON null is no file.
     *
     * @param maxNames a job whose hostlist names more nodes is skipped (counted before it is expanded)
     */
    static Reading read(JsonNode file, int maxNames) {
        Map<String, List<Long>> jobs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (file == null || file.isNull() || file.isMissingNode()) {
            return new Reading(jobs, problems);
        }
        if (!file.isObject()) {
            problems.add("resumeFile: expected an object, got " + kind(file));
            return new Reading(jobs, problems);
        }
        JsonNode list = file.get("jobs");
        if (list == null || list.isNull()) {
            return new Reading(jobs, problems);
        }
        if (!list.isArray()) {
            problems.add("resumeFile.jobs: expected an array, got " + kind(list));
            return new Reading(jobs, problems);
        }
        for (int i = 0; i < list.size(); i++) {
            String problem = readJob(list.get(i), jobs, maxNames);
            if (problem != null) {
                problems.add("resumeFile.jobs[" + i + "]" + problem);
            }
        }
        return new Reading(jobs, problems);
    }

    private static String readJob(JsonNode job, Map<String, List<Long>> jobs, int maxNames) {
        if (!job.isObject()) {
            return ": expected an object, got " + kind(job);
        }
        JsonNode id = job.get("job_id");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            return ".job_id: expected a whole number, got " + (id == null ? "nothing" : kind(id));
        }
        String nodes = null;
        for (String key : NODE_KEYS) {
            JsonNode n = job.get(key);
            if (n != null && n.isTextual() && !n.asText().isBlank()) {
                nodes = n.asText();
                break;
            }
        }
        if (nodes == null) {
            return ": none of " + String.join(", ", NODE_KEYS) + " holds a hostlist";
        }
        try {
            Hostlist hostlist = Hostlist.parse(nodes);
            if (hostlist.size() > maxNames) {
                return ": the hostlist names " + hostlist.size() + " nodes, more than " + maxNames;
            }
            for (String node : hostlist.names()) {
                jobs.computeIfAbsent(node, k -> new ArrayList<>()).add(id.asLong());
            }
            return null;
        } catch (HostlistException e) {
            return ": not a valid hostlist " + printable(nodes) + ": " + printable(e.getMessage());
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return "\"" + cut.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?") + "\"";
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}

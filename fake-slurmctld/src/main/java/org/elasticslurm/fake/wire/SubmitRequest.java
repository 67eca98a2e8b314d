package org.elasticslurm.fake.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A job submission from {@code srun} or {@code sbatch}.
 *
 * @param batch       true for sbatch
 * @param name        the job name
 * @param command     srun's command, or the words sbatch runs the script with
 * @param script      sbatch's script text
 * @param scriptPath  the script's path as given to sbatch (shown as Command=)
 * @param nodeList    {@code -w}
 * @param nodeCount   {@code -N}
 * @param partition   {@code -p}
 * @param requeue     {@code --requeue}/{@code --no-requeue}
 * @param workDir     the working directory
 * @param environment the environment the job runs with (the submitter's, as Slurm's default --export=ALL)
 * @param user        the submitting user
 * @param uid         their uid
 * @param group       their primary group
 * @param gid         its gid
 * @param allocNode   the submitting host
 * @param sid         the submitting session
 */
public record SubmitRequest(boolean batch, String name, List<String> command, Optional<String> script,
                            Optional<String> scriptPath, Optional<String> nodeList, OptionalInt nodeCount,
                            Optional<String> partition, Optional<Boolean> requeue, String workDir,
                            Map<String, String> environment, String user, long uid, String group, long gid,
                            String allocNode, long sid) {

    public SubmitRequest {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("batch", batch).put("name", name).put("command", command)
                .put("script", script).put("scriptPath", scriptPath).put("nodeList", nodeList)
                .put("nodeCount", nodeCount).put("partition", partition).put("requeue", requeue)
                .put("workDir", workDir).put("environment", environment).put("user", user).put("uid", uid)
                .put("group", group).put("gid", gid).put("allocNode", allocNode).put("sid", sid);
    }

    public static SubmitRequest fromJson(JsonObject o) {
        return new SubmitRequest(o.bool("batch"), o.string("name"), o.strings("command"), o.optString("script"),
                o.optString("scriptPath"), o.optString("nodeList"), o.optInteger("nodeCount"),
                o.optString("partition"), o.optBool("requeue"), o.string("workDir"), o.stringMap("environment"),
                o.string("user"), o.number("uid"), o.string("group"), o.number("gid"), o.string("allocNode"),
                o.number("sid"));
    }
}

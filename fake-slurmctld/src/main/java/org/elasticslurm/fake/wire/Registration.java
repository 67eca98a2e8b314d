package org.elasticslurm.fake.wire;

/**
 * A slurmd's registration (MESSAGE_NODE_REGISTRATION_STATUS).
 *
 * @param node            the node slurmd runs as ({@code -N})
 * @param upTime          seconds since the machine booted, or since slurmd started with {@code -b}
 * @param slurmdStartTime when slurmd started, seconds since the epoch
 * @param cpus            CPUs
 * @param realMemory      memory in MB
 * @param hostname        this machine's host name
 * @param arch            the machine architecture (uname -m)
 * @param os              the operating system (uname -s -r -v)
 * @param version         the Slurm version slurmd speaks
 * @param cpuLoad         the load average x 100
 * @param freeMem         free memory in MB
 * @param port            the port slurmd listens on
 */
public record Registration(String node, long upTime, long slurmdStartTime, int cpus, long realMemory,
                           String hostname, String arch, String os, String version, long cpuLoad, long freeMem,
                           int port) {

    public JsonObject toJson() {
        return JsonObject.create().put("node", node).put("upTime", upTime).put("slurmdStartTime", slurmdStartTime)
                .put("cpus", cpus).put("realMemory", realMemory).put("hostname", hostname).put("arch", arch)
                .put("os", os).put("version", version).put("cpuLoad", cpuLoad).put("freeMem", freeMem)
                .put("port", port);
    }

    public static Registration fromJson(JsonObject o) {
        return new Registration(o.string("node"), o.number("upTime"), o.number("slurmdStartTime"),
                o.integer("cpus"), o.number("realMemory"), o.string("hostname"), o.string("arch"), o.string("os"),
                o.string("version"), o.number("cpuLoad"), o.number("freeMem"), o.integer("port"));
    }
}

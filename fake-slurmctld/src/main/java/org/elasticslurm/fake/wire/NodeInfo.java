package org.elasticslurm.fake.wire;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node as the commands show it ({@code scontrol show node}, {@code sinfo}): the controller's view plus what
 * the node's slurmd reported when it registered. Times are seconds since the epoch.
 *
 * @param name            NodeName
 * @param stateWord       the state word (base state in the low bits, flags above) as clients see it
 * @param state           {@code State=} of scontrol, e.g. {@code IDLE+CLOUD+POWERED_DOWN}
 * @param sinfoCompact    sinfo {@code %t}
 * @param sinfoLong       sinfo {@code %T}
 * @param arch            Arch= (reported by slurmd)
 * @param os              OS= (reported by slurmd)
 * @param version         Version= (reported by slurmd)
 * @param cpuLoad         CPULoad x 100 (reported by slurmd)
 * @param freeMem         FreeMem in MB (reported by slurmd)
 * @param cpus            CPUTot
 * @param allocCpus       CPUAlloc
 * @param boards          Boards
 * @param sockets         Sockets
 * @param coresPerSocket  CoresPerSocket
 * @param threadsPerCore  ThreadsPerCore
 * @param realMemory      RealMemory in MB
 * @param weight          Weight
 * @param features        AvailableFeatures
 * @param nodeAddr        NodeAddr
 * @param nodeHostName    NodeHostName
 * @param port            the slurmd port, when it differs from SlurmdPort
 * @param partitions      the partitions it belongs to
 * @param bootTime        BootTime
 * @param slurmdStartTime SlurmdStartTime
 * @param lastBusy        LastBusyTime
 * @param reason          Reason
 * @param reasonTime      when the reason was set
 * @param reasonUser      who set it
 */
public record NodeInfo(String name, int stateWord, String state, String sinfoCompact, String sinfoLong,
                       Optional<String> arch, Optional<String> os, Optional<String> version,
                       OptionalLong cpuLoad, OptionalLong freeMem, int cpus, int allocCpus, int boards,
                       int sockets, int coresPerSocket, int threadsPerCore, long realMemory, long weight,
                       List<String> features, String nodeAddr, String nodeHostName, OptionalLong port,
                       List<String> partitions, OptionalLong bootTime, OptionalLong slurmdStartTime,
                       OptionalLong lastBusy, Optional<String> reason, OptionalLong reasonTime,
                       Optional<String> reasonUser) {

    public NodeInfo {
        features = List.copyOf(features);
        partitions = List.copyOf(partitions);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("name", name).put("stateWord", stateWord).put("state", state)
                .put("sinfoCompact", sinfoCompact).put("sinfoLong", sinfoLong).put("arch", arch).put("os", os)
                .put("version", version).put("cpuLoad", cpuLoad).put("freeMem", freeMem).put("cpus", cpus)
                .put("allocCpus", allocCpus).put("boards", boards).put("sockets", sockets)
                .put("coresPerSocket", coresPerSocket).put("threadsPerCore", threadsPerCore)
                .put("realMemory", realMemory).put("weight", weight).put("features", features)
                .put("nodeAddr", nodeAddr).put("nodeHostName", nodeHostName).put("port", port)
                .put("partitions", partitions).put("bootTime", bootTime).put("slurmdStartTime", slurmdStartTime)
                .put("lastBusy", lastBusy).put("reason", reason).put("reasonTime", reasonTime)
                .put("reasonUser", reasonUser);
    }

    public static NodeInfo fromJson(JsonObject o) {
        return new NodeInfo(o.string("name"), o.integer("stateWord"), o.string("state"), o.string("sinfoCompact"),
                o.string("sinfoLong"), o.optString("arch"), o.optString("os"), o.optString("version"),
                o.optNumber("cpuLoad"), o.optNumber("freeMem"), o.integer("cpus"), o.integer("allocCpus"),
                o.integer("boards"), o.integer("sockets"), o.integer("coresPerSocket"), o.integer("threadsPerCore"),
                o.number("realMemory"), o.number("weight"), o.strings("features"), o.string("nodeAddr"),
                o.string("nodeHostName"), o.optNumber("port"), o.strings("partitions"), o.optNumber("bootTime"),
                o.optNumber("slurmdStartTime"), o.optNumber("lastBusy"), o.optString("reason"),
                o.optNumber("reasonTime"), o.optString("reasonUser"));
    }
}

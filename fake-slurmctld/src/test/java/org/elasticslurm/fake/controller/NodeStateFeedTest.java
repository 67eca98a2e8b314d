package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-state feed on the virtual clock: every change of a shown state, once, at the time of its event. */
class NodeStateFeedTest {

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();

    private static String conf(String privateData) {
        return TestConf.lab(privateData, "NodeName=c[1-2] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-2] Default=YES MaxTime=INFINITE State=UP");
    }

    private SimLab lab(String privateData) {
        SimLab lab = SimLab.conf(dir, conf(privateData)).start();
        NodeStateFeed feed = new NodeStateFeed(lab.controller, lab.kernel, lines::add);
        feed.check();
        lab.kernel.afterEachEvent(feed::check);
        return lab;
    }

    private static String line(double seconds, String node, String state) {
        return SimLab.at(seconds).toEpochMilli() + " " + node + " " + state;
    }

    private List<String> linesOf(String node) {
        return lines.stream().filter(l -> l.split(" ")[1].equals(node)).toList();
    }

    @Test
    void feedStartsWithEveryNodesStateAtTheControllersStart() {
        lab("PrivateData=cloud");

        assertThat(lines).containsExactly(line(-10.2, "c1", "IDLE+CLOUD+POWERED_DOWN"),
                line(-10.2, "c2", "IDLE+CLOUD+POWERED_DOWN"));
    }

    @Test
    void nothingIsWrittenWhileNoShownStateChanges() {
        SimLab lab = lab("PrivateData=cloud");
        lab.runUntil(60);

        assertThat(lab.kernel.executedEvents()).isGreaterThan(60);
        assertThat(lines).hasSize(2);
    }

    @Test
    void everyStateANodeTakesIsWrittenOnceAtTheMillisecondItBegan() {
        SimLab lab = lab("PrivateData=cloud");
        List<String> sampledEveryMillisecond = new ArrayList<>(List.of(line(-10.2, "c1", lab.state("c1"))));
        sampleEveryMillisecond(lab, 1.0, sampledEveryMillisecond);
        lab.kernel.execute(() -> lab.srun("c1", "hostname")); // as the daemon posts each request as an event
        sampleEveryMillisecond(lab, 3.0, sampledEveryMillisecond);
        lab.kernel.execute(() -> lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT));
        sampleEveryMillisecond(lab, 20, sampledEveryMillisecond);

        assertThat(sampledEveryMillisecond).hasSizeGreaterThan(4);
        assertThat(linesOf("c1")).containsExactlyElementsOf(sampledEveryMillisecond);
        assertThat(linesOf("c1")).extracting(l -> l.split(" ")[2]).contains("ALLOCATED+CLOUD+POWERED_DOWN");
        assertThat(linesOf("c2")).containsExactly(line(-10.2, "c2", "IDLE+CLOUD+POWERED_DOWN"));
    }

    /** Runs to {@code until} a millisecond at a time, adding a line for c1 whenever its state after a step differs. */
    private static void sampleEveryMillisecond(SimLab lab, double until, List<String> changes) {
        long end = SimLab.at(until).toEpochMilli();
        for (long t = lab.kernel.nowMillis(); t <= end; t++) {
            lab.kernel.runUntil(t);
            String state = lab.state("c1");
            if (!changes.get(changes.size() - 1).endsWith(" " + state)) {
                changes.add(t + " c1 " + state);
            }
        }
    }

    @Test
    void aNodeScontrolDoesNotListIsWrittenAsNotFoundUntilItIsListed() {
        SimLab lab = lab("PrivateData=jobs");
        lab.at(1.0, () -> lab.kernel.execute(
                () -> lab.controller.updateNode(NodeUpdate.state("c2", NodeStateRequest.POWER_UP))));
        lab.runUntil(5);

        assertThat(linesOf("c2")).first().isEqualTo(line(-10.2, "c2", NodeStateFeed.NOT_LISTED));
        assertThat(linesOf("c2")).hasSizeGreaterThan(1);
        assertThat(linesOf("c2").get(1)).doesNotEndWith(NodeStateFeed.NOT_LISTED);
        assertThat(linesOf("c1")).containsExactly(line(-10.2, "c1", NodeStateFeed.NOT_LISTED));
    }

    @Test
    void nodesAReconfigureMakesScontrolListAreWrittenThoughTheirStateIsUnchanged() throws IOException {
        SimLab lab = lab("PrivateData=jobs");
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, conf("PrivateData=cloud").replace("$LAB", dir.toString()).replace("$HOST", "labhost"));
        SlurmConf cloudListed = new SlurmConfParser().parse(file);
        lab.at(2.0, () -> lab.kernel.execute(
                () -> lab.controller.reconfigure(cloudListed, new HookProgramRules().verdict(cloudListed))));
        lab.runUntil(3);

        assertThat(lines).containsExactly(line(-10.2, "c1", NodeStateFeed.NOT_LISTED),
                line(-10.2, "c2", NodeStateFeed.NOT_LISTED), line(2.0, "c1", "IDLE+CLOUD+POWERED_DOWN"),
                line(2.0, "c2", "IDLE+CLOUD+POWERED_DOWN"));
    }
}

package org.elasticslurm.scenarios.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.PartitionDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.scenarios.lint.LintOptions;
import org.elasticslurm.scenarios.model.Durations;

/**
 * The scenarios {@code validate} runs on sim with a site's slurm.conf and its own hook programs (their files are
 * checked by the simulated slurmctld as the real one checks them; their behaviour is modelled as a working
 * cloud that boots a node in the boot time): a burst that wakes the nodes at once, and a boot that outlasts
 * ResumeTimeout. Written as scenario files, so they read like any other scenario in the report.
 */
final class SiteScenarios {

    /** Boot time modelled when none is given. */
    static final Duration DEFAULT_BOOT = Duration.ofSeconds(30);

    private SiteScenarios() {
    }

    /** Scenario file name to YAML text; empty when the configuration has no CLOUD node in a default partition. */
    static Map<String, String> of(Path slurmConf, SlurmConf conf, Optional<Duration> bootTime,
                                  Optional<Integer> burst) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<PartitionDefinition> partition = conf.partitions().stream().filter(PartitionDefinition::isDefault)
                .reduce((a, b) -> b).or(() -> conf.partitions().stream().findFirst());
        if (partition.isEmpty()) {
            return out;
        }
        List<String> cloud = new ArrayList<>();
        for (String node : partition.get().nodes()) {
            conf.node(node).filter(n -> conf.cloudNodes().contains(n)).map(NodeDefinition::name).ifPresent(cloud::add);
        }
        if (cloud.isEmpty()) {
            return out;
        }
        Duration boot = bootTime.orElse(DEFAULT_BOOT);
        Duration resumeTimeout = conf.powerSave().resumeTimeout();
        int n = Math.min(burst.orElse(LintOptions.defaultBurst(cloud.size())), cloud.size());
        int rate = conf.powerSave().resumeRate();
        long waves = rate <= 0 ? 0 : (n - 1) / rate;
        Duration jobWithin = resumeTimeout.plus(Duration.ofMinutes(waves)).plus(Duration.ofSeconds(60));
        var scans = conf.powerSave().slurmctldParameters();
        // The wake: the allocation (an sbatch waits for a scheduling pass, up to 3 s), then the next scan, which
        // power_save_min_interval may hold back. ResumeTimeout is checked only in a scan, with a strict
        // now > wake + ResumeTimeout, and with no node change the scans come every power_save_interval (or
        // min interval, if longer): the node goes down~ up to one such interval after ResumeTimeout.
        Duration wakeWithin = Duration.ofSeconds(12).plus(scans.powerSaveMinInterval());
        Duration grid = max(scans.powerSaveInterval(), scans.powerSaveMinInterval());
        Duration within = resumeTimeout.plus(grid).plus(wakeWithin);
        String p = partition.get().name();
        out.put("site-burst.yaml", header("site-burst", "A burst of " + n + " nodes in partition " + p + " with "
                + "the site's slurm.conf and hook programs: every node is woken and the job completes.",
                slurmConf, boot)
                + "steps:\n"
                + "  - submit: sbatch -p " + p + " -N" + n + " --wrap hostname\n"
                + "expect:\n"
                + "  - hook: resume\n    within: " + Durations.format(wakeWithin) + "\n    after: job1\n"
                + "  - job: job1\n    state: COMPLETED\n    within: " + Durations.format(jobWithin) + "\n"
                + "  - hook: resume-fail\n    times: 0\n");
        String node = cloud.get(0);
        Duration failBoot = within.plus(Duration.ofSeconds(38));
        StringBuilder fail = new StringBuilder(header("site-boot-failure", "The node " + node + " boots in "
                + Durations.format(failBoot) + ", longer than ResumeTimeout: slurmctld marks it down~"
                + (conf.powerSave().resumeFailProgram().isPresent() ? " and runs ResumeFailProgram" : "") + ".",
                slurmConf, failBoot));
        fail.append("steps:\n")
                .append("  - submit: sbatch -p ").append(p).append(" -w ").append(node).append(" --wrap hostname\n")
                .append("expect:\n")
                .append("  - reaches: down~\n    id: down\n    node: ").append(node).append("\n    within: ")
                .append(Durations.format(within)).append("\n    after: job1\n")
                .append("  - log: not resumed by ResumeTimeout\n    within: ").append(Durations.format(within))
                .append("\n    after: job1\n");
        if (conf.powerSave().resumeFailProgram().isPresent()) {
            fail.append("  - hook: resume-fail\n    args: ").append(node).append("\n    within: 2s\n    after: down\n");
        }
        out.put("site-boot-failure.yaml", fail.toString());
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String header(String name, String description, Path slurmConf, Duration boot) {
        return "name: " + name + "\n"
                + "description: " + quote(description) + "\n"
                + "targets: [sim]\n"
                + "sim:\n  boot-delay: " + Durations.format(boot) + "\n"
                + "slurm-conf:\n  file: " + quote(slurmConf.toAbsolutePath().toString()) + "\n";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

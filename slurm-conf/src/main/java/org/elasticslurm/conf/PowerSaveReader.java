package org.elasticslurm.conf;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the power-save keys of slurm.conf with slurmctld 22.05's defaults (TreeWidth's is the version's) and checks (read_config.c
 * {@code _validate_and_set_defaults}, power_save.c {@code _init_power_config}).
 */
final class PowerSaveReader {

    private static final Set<String> DEBUG_FLAGS = Set.of(
            "accrue", "agent", "backfill", "backfillmap", "burstbuffer", "cgroup", "cpu_bind", "data",
            "db_archive", "db_assoc", "db_tres", "db_event", "db_job", "db_qos", "db_query", "db_reservation",
            "db_resource", "db_step", "db_usage", "db_wckey", "dependency", "elasticsearch", "energy",
            "extsensors", "federation", "frontend", "gang", "gres", "hetjob", "interconnect", "jobaccountgather",
            "jag", "jobcontainer", "license", "mpi", "network", "net", "networkraw", "netraw", "no_conf_hash",
            "nodefeatures", "priority", "profile", "protocol", "reservation", "route", "script", "selecttype",
            "steps", "switch", "task", "tracejobs", "trigger", "triggers", "cpufrequency", "power", "powersave",
            "timecray", "workqueue", "workq");

    private final Map<String, ConfEntry> params;
    private final List<ConfWarning> warnings;
    private final int defaultTreeWidth;

    /** @param defaultTreeWidth the version's TreeWidth when none (or 0) is written */
    PowerSaveReader(Map<String, ConfEntry> params, List<ConfWarning> warnings, int defaultTreeWidth) {
        this.params = params;
        this.warnings = warnings;
        this.defaultTreeWidth = defaultTreeWidth;
    }

    PowerSaveSettings read(List<NodeDefinition> nodes, List<PartitionDefinition> partitions) {
        boolean debugFlagsPower = debugFlagsPower();
        List<SuspendExclusion> excNodes = entry("SuspendExcNodes")
                .map(e -> SuspendExclusions.nodes(e, nodes, warnings)).orElse(List.of());
        List<String> excParts = entry("SuspendExcParts")
                .map(e -> SuspendExclusions.partitions(e, partitions, warnings)).orElse(List.of());
        return new PowerSaveSettings(
                string("SuspendProgram"),
                string("ResumeProgram"),
                string("ResumeFailProgram"),
                suspendTime(),
                Duration.ofSeconds(uint16("SuspendTimeout", 30)),
                Duration.ofSeconds(uint16("ResumeTimeout", 60)),
                uint16("SuspendRate", 60),
                uint16("ResumeRate", 300),
                excNodes,
                excParts,
                Duration.ofSeconds(uint16("BatchStartTimeout", 10)),
                treeWidth(),
                uint16("ReturnToService", 0),
                privateDataCloud(),
                debugFlagsPower,
                slurmctldParameters());
    }

    private TimeoutValue suspendTime() {
        Optional<ConfEntry> entry = entry("SuspendTime");
        if (entry.isEmpty()) {
            return TimeoutValue.infinite();
        }
        String value = entry.get().value();
        if (value.equalsIgnoreCase("NONE") || value.equalsIgnoreCase("INFINITE") || value.equals("-1")) {
            return TimeoutValue.infinite();
        }
        long seconds = checked(entry.get(), () -> ConfValues.decimal("SuspendTime", value));
        if (seconds < 0 || seconds >= ConfValues.INFINITE32) {
            throw new SlurmConfException(entry.get().location(), entry.get().asWritten(),
                    "SuspendTime is a number of seconds from 0 to 4294967294, or NONE, INFINITE or -1", null);
        }
        return TimeoutValue.of(Duration.ofSeconds(seconds));
    }

    private int treeWidth() {
        Optional<ConfEntry> entry = entry("TreeWidth");
        if (entry.isEmpty()) {
            return defaultTreeWidth;
        }
        int width = ConfValues.uint16(entry.get().key(), entry.get().value());
        if (width == 0) {
            warnings.add(new ConfWarning(entry.get().location(), "TreeWidth=0 is invalid"));
            return defaultTreeWidth;
        }
        return width;
    }

    private boolean privateDataCloud() {
        return entry("PrivateData").map(e -> {
            String lower = e.value().toLowerCase(Locale.ROOT);
            return lower.contains("cloud") || lower.contains("all");
        }).orElse(false);
    }

    private boolean debugFlagsPower() {
        Optional<ConfEntry> entry = entry("DebugFlags");
        if (entry.isEmpty()) {
            return false;
        }
        boolean power = false;
        SuspendExclusions.Tokenizer tokens = new SuspendExclusions.Tokenizer(entry.get().value());
        for (String flag = tokens.next(","); flag != null; flag = tokens.next(",")) {
            String lower = flag.toLowerCase(Locale.ROOT);
            if (!DEBUG_FLAGS.contains(lower)) {
                throw new SlurmConfException(entry.get().location(), entry.get().asWritten(),
                        "DebugFlags invalid: " + entry.get().value() + " (Invalid DebugFlag: " + flag + ")", null);
            }
            if (lower.equals("task")) {
                warnings.add(new ConfWarning(entry.get().location(),
                        "DebugFlag Task has been removed, please use CPU_Bind"));
            }
            power |= lower.equals("power") || lower.equals("powersave");
        }
        return power;
    }

    private SlurmctldParameters slurmctldParameters() {
        Optional<ConfEntry> entry = entry("SlurmctldParameters");
        String value = entry.map(ConfEntry::value).orElse("");
        String lower = value.toLowerCase(Locale.ROOT);
        List<String> raw = Arrays.stream(value.split(",")).filter(s -> !s.isEmpty()).toList();
        Duration interval = Duration.ofSeconds(entry.map(e -> seconds(e, lower, "power_save_interval=")).orElse(10));
        Duration minInterval = Duration.ofSeconds(entry.map(e -> seconds(e, lower, "power_save_min_interval="))
                .orElse(0));
        OptionalDouble memPercent = entry.map(e -> percent(e, lower)).orElse(OptionalDouble.empty());
        return new SlurmctldParameters(interval, minInterval, lower.contains("idle_on_node_suspend"),
                lower.contains("cloud_reg_addrs"), lower.contains("cloud_dns"), memPercent, raw);
    }

    /** The number after {@code option} (found anywhere, any case, as the daemon's xstrcasestr finds it). */
    private static int seconds(ConfEntry entry, String lower, String option) {
        int at = lower.indexOf(option);
        int defaultValue = option.startsWith("power_save_interval") ? 10 : 0;
        if (at < 0) {
            return defaultValue;
        }
        String digits = leading(lower.substring(at + option.length()), "[0-9]+");
        if (digits.isEmpty() || digits.length() > 5 || Integer.parseInt(digits) > 0xFFFF) {
            throw new SlurmConfException(entry.location(), entry.asWritten(), "SlurmctldParameters "
                    + option + " needs a whole number of seconds from 0 to 65535", null);
        }
        return Integer.parseInt(digits);
    }

    private static OptionalDouble percent(ConfEntry entry, String lower) {
        String option = "node_reg_mem_percent=";
        int at = lower.indexOf(option);
        if (at < 0) {
            return OptionalDouble.empty();
        }
        String number = leading(lower.substring(at + option.length()), "[0-9]+(\\.[0-9]*)?|\\.[0-9]+");
        if (number.isEmpty()) {
            throw new SlurmConfException(entry.location(), entry.asWritten(),
                    "SlurmctldParameters node_reg_mem_percent= needs a number (a percentage)", null);
        }
        return OptionalDouble.of(Double.parseDouble(number));
    }

    private static String leading(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.lookingAt() ? m.group() : "";
    }

    private Optional<String> string(String key) {
        return entry(key).map(ConfEntry::value);
    }

    private int uint16(String key, int defaultValue) {
        return entry(key).map(e -> checked(e, () -> ConfValues.uint16(e.key(), e.value()))).orElse(defaultValue);
    }

    private Optional<ConfEntry> entry(String key) {
        return Optional.ofNullable(params.get(KnownKeys.lower(key)));
    }

    private static <T> T checked(ConfEntry entry, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (ConfValues.BadValue bad) {
            throw new SlurmConfException(entry.location(), entry.asWritten(), bad.getMessage(), bad);
        }
    }
}

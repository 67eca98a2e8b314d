package org.elasticslurm.fake.cli;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;

/** squeue's table: jobs not yet ended, sorted by partition, state and priority, printed with the format. */
final class SqueueReport {

    /** squeue's default format. */
    static final String DEFAULT = "%.18i %.9P %.8j %.8u %.2t %.10M %.6D %R";

    private static final List<String> STATE_ORDER = List.of("PD", "R", "S", "CG", "CD", "CF", "CA", "F", "TO", "NF");

    private final SlurmTimes times;

    SqueueReport(SlurmTimes times) {
        this.times = times;
    }

    /** The letters this squeue can print. */
    static boolean knownField(char letter) {
        return "iPjutTMDRNrClSVeZo".indexOf(letter) >= 0;
    }

    String render(JobListing listing, String format, boolean header, Predicate<JobInfo> filter) {
        OutputFormat f = OutputFormat.parse(format);
        StringBuilder out = new StringBuilder();
        if (header) {
            out.append(f.prefix);
            for (OutputFormat.Field field : f.fields) {
                out.append(OutputFormat.pad(title(field.letter()), field.width(), field.right(), false))
                        .append(field.suffix());
            }
            out.append('\n');
        }
        List<JobInfo> jobs = listing.jobs().stream().filter(SqueueReport::shownByDefault).filter(filter)
                .sorted(Comparator.comparing(JobInfo::partition)
                        .thenComparingInt(j -> STATE_ORDER.indexOf(j.stateCode()))
                        .thenComparingLong(JobInfo::id))
                .toList();
        for (JobInfo j : jobs) {
            out.append(f.prefix);
            for (OutputFormat.Field field : f.fields) {
                out.append(OutputFormat.pad(value(field.letter(), j, listing.now()), field.width(), field.right(),
                        true)).append(field.suffix());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** squeue without {@code -t} lists pending, running, suspended, configuring and completing jobs. */
    private static boolean shownByDefault(JobInfo j) {
        return List.of("PD", "R", "S", "CF", "CG").contains(j.stateCode());
    }

    private String value(char letter, JobInfo j, long now) {
        return switch (letter) {
            case 'i' -> Long.toString(j.id());
            case 'P' -> j.partition();
            case 'j' -> j.name();
            case 'u' -> j.user();
            case 't' -> j.stateCode();
            case 'T' -> j.state();
            case 'M' -> SlurmTimes.elapsed(j.isPending() || j.startTime().isEmpty() ? 0
                    : j.endTime().orElse(now) - j.startTime().getAsLong());
            case 'D' -> Integer.toString(j.numNodes());
            case 'R' -> j.isPending() ? "(" + j.reason() + ")" : j.nodeList();
            case 'N' -> j.nodeList();
            case 'r' -> j.reason();
            case 'C' -> Integer.toString(j.numCpus());
            case 'l' -> "UNLIMITED";
            case 'S' -> j.isPending() ? "N/A" : times.timestamp(j.startTime());
            case 'V' -> times.timestamp(OptionalLong.of(j.submitTime()));
            case 'e' -> j.endTime().isPresent() ? times.timestamp(j.endTime()) : "N/A";
            case 'Z' -> j.workDir();
            case 'o' -> j.command().orElse("(null)");
            default -> throw new IllegalArgumentException("field %" + letter);
        };
    }

    private static String title(char letter) {
        return switch (letter) {
            case 'i' -> "JOBID";
            case 'P' -> "PARTITION";
            case 'j' -> "NAME";
            case 'u' -> "USER";
            case 't' -> "ST";
            case 'T' -> "STATE";
            case 'M' -> "TIME";
            case 'D' -> "NODES";
            case 'R' -> "NODELIST(REASON)";
            case 'N' -> "NODELIST";
            case 'r' -> "REASON";
            case 'C' -> "CPUS";
            case 'l' -> "TIME_LIMIT";
            case 'S' -> "START_TIME";
            case 'V' -> "SUBMIT_TIME";
            case 'e' -> "END_TIME";
            case 'Z' -> "WORK_DIR";
            case 'o' -> "COMMAND";
            default -> throw new IllegalArgumentException("field %" + letter);
        };
    }
}

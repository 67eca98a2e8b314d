package org.elasticslurm.scenarios.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Standard Workload Format (Parallel Workloads Archive): {@code ;} header comments, then one job
 * per line with 18 white-space separated fields, {@code -1} for unknown. Used: 1 job number, 2 submit time
 * (s), 4 run time (s), 5 allocated processors, 8 requested processors, 9 requested time (s), 11 status.
 * Jobs with status 5 (cancelled before start) or without run time or processors are left out, as
 * simulators of the archive do.
 */
public final class SwfReader {
    static final String[] FIELDS = {"job number", "submit time", "wait time", "run time", "allocated processors",
        "average CPU time", "used memory", "requested processors", "requested time", "requested memory", "status",
        "user id", "group id", "executable", "queue", "partition", "preceding job", "think time"};

    /**
     * Reads a trace.
     *
     * @throws WorkloadException naming {@code file:line}, the field and the rule for a bad line
     */
    public Workload read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workload " + file, e);
        }
        List<WorkloadJob> jobs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] f = line.split("\\s+");
            if (f.length != FIELDS.length) {
                throw new WorkloadException(where + ": a Standard Workload Format line has " + FIELDS.length
                        + " fields (" + String.join(", ", FIELDS) + "), found " + f.length);
            }
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                try {
                    v[k] = Double.parseDouble(f[k]);
                } catch (NumberFormatException e) {
                    throw new WorkloadException(where + ": field " + (k + 1) + " (" + FIELDS[k]
                            + ") must be a number, found '" + f[k] + "'");
                }
                if (v[k] < 0 && v[k] != -1) {
                    throw new WorkloadException(where + ": field " + (k + 1) + " (" + FIELDS[k] + ") is " + f[k]
                            + "; values are >= 0, or -1 for unknown");
                }
            }
            int processors = (int) (v[7] > 0 ? v[7] : v[4]);
            if (v[10] == 5 || v[3] <= 0 || processors <= 0 || v[1] < 0) {
                continue;
            }
            Duration run = Duration.ofMillis(Math.round(v[3] * 1000));
            jobs.add(new WorkloadJob((long) v[0], Duration.ofMillis(Math.round(v[1] * 1000)), run, processors,
                    v[8] > 0 ? Duration.ofMillis(Math.round(v[8] * 1000)) : run));
        }
        return new Workload(file.toString(), jobs);
    }
}

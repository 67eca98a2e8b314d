package org.elasticslurm.fake.controller;

/**
 * When the power-save thread's once-a-second loop scans ({@code _power_save_thread}): not before
 * power_save_min_interval since the last scan, and then when a node changed since the last scan or
 * power_save_interval passed. The times are whole seconds ({@code time(NULL)}), so whether the comparisons are
 * strict decides what a change in the second of the last scan does.
 */
enum ScanTrigger {
    /**
     * 22.05: {@code now >= last + min && (last_node_update >= last || now >= last + interval)}: scans every
     * interval, and a change in the second of the last scan, even one the scan saw, brings another scan a second
     * later, which moves the scan grid by a second: whether a node misses ResumeTimeout=10 20 s or 11 s after its
     * wake depends on where the second turns between the request and the scan (return-to-service-0.real-22.05.trace:
     * 0.7 s / 20.7 s; resume-timeout-no-slurmd.real-22.05.trace: 0.6 s / 11.6 s).
     */
    AT_OR_AFTER,
    /**
     * 24.11 and later: {@code now > last + min && (last_node_update > last || now > last + interval)}: scans every
     * interval + 1 s, and a change the scan saw brings no other scan. A change made after the scan but in its second
     * waits for the interval on the real daemon (privatedata-cloud-off.real-24.11.trace: power down requested 3.6 s,
     * just after the scan of the node's registration, suspended 14.9 s); which way that goes depends on the
     * sub-second phase of the loop against the clients' requests, which the drop-ins do not reproduce, so here a
     * change after the last scan is taken at the next tick.
     */
    STRICTLY_AFTER;

    /**
     * Whether the loop scans at {@code now}, all in seconds; {@code changedSinceScan}: a node changed after the
     * last scan ran.
     */
    boolean due(long now, long lastScan, long lastNodeUpdate, boolean changedSinceScan, int minInterval,
                int interval) {
        return switch (this) {
            case AT_OR_AFTER -> now >= lastScan + minInterval
                    && (lastNodeUpdate >= lastScan || now >= lastScan + interval);
            case STRICTLY_AFTER -> now > lastScan + minInterval && (changedSinceScan || now > lastScan + interval);
        };
    }
}

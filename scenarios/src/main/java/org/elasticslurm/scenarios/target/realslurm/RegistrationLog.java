package org.elasticslurm.scenarios.target.realslurm;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Function;
import org.elasticslurm.lab.real.SlurmctldLog;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * Hands the registrations among slurmctld's log lines ({@link NowResponding}) to the node states
 * ({@link StateSamples}), each at the scenario time of the line's own time stamp rather than when the line was read.
 */
final class RegistrationLog {

    /** The most a log line's own time may differ from when it is read (else the two clocks' zones differ). */
    static final Duration CLOCK_LIMIT = Duration.ofMinutes(1);

    private final StateSamples states;
    private final ZoneId zone;
    private final Function<Instant, Duration> scenarioTime;

    /**
     * @param states       where registrations go
     * @param zone         the controller's time zone (slurmctld writes local time)
     * @param scenarioTime the scenario time of an instant
     */
    RegistrationLog(StateSamples states, ZoneId zone, Function<Instant, Duration> scenarioTime) {
        this.states = states;
        this.zone = zone;
        this.scenarioTime = scenarioTime;
    }

    /**
     * Notes a log line read at scenario time {@code seen}.
     *
     * @throws TargetException if a registration line has no time stamp, or one more than {@link #CLOCK_LIMIT} from
     *                         {@code seen}
     */
    void note(SlurmctldLog.LoggedLine line, Duration seen) {
        NowResponding.node(line.text()).ifPresent(node -> states.responded(loggedAt(line, seen), node));
        NowResponding.invalidNode(line.text()).ifPresent(node -> states.invalid(loggedAt(line, seen), node));
    }

    private Duration loggedAt(SlurmctldLog.LoggedLine line, Duration seen) {
        LocalDateTime logged = line.logged().orElseThrow(() -> new TargetException("slurmctld's log line '"
                + line.text() + "' has no time stamp [YYYY-MM-DDThh:mm:ss.mmm] (LogTimeFormat=iso8601_ms)", null));
        Duration at = scenarioTime.apply(logged.atZone(zone).toInstant());
        if (at.minus(seen).abs().compareTo(CLOCK_LIMIT) > 0) {
            throw new TargetException("slurmctld logged '" + line.text() + "' at " + logged + ", "
                    + at.minus(seen).toSeconds() + " s from when it was read (" + seen.toMillis() / 1000.0
                    + " s): the controller's time zone is not " + zone, null);
        }
        return at;
    }
}

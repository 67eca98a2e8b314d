package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * TEST ONLY: which hypervisor calls a {@link FaultInjectingHypervisor} makes fail, from the setting
 * {@code provisioner.libvirt.test-faults} ({@code rate=0.2,seed=7,hang=3s[,switch=/path/file]}). Each call fails
 * with probability {@code rate}: half of the failures are transient errors, a quarter permanent errors, a quarter
 * calls that hang for {@code hang} (past the time a libvirt keepalive would give up) and then fail transiently.
 * With {@code switch}, faults are injected only while that file exists. The draws come from one random source
 * seeded with {@code seed}; which call gets which draw depends on thread interleaving.
 *
 * @param rate probability in [0, 1] that a call fails
 * @param seed seed of the random source
 * @param hang how long a hanging call blocks before it fails
 * @param onlyWhile faults only while this file exists; empty = always
 */
public record FaultPlan(double rate, long seed, Duration hang, Optional<Path> onlyWhile) {

    /** The rule of the setting, quoted in errors. */
    public static final String RULE = "rate=<0..1>,seed=<long>,hang=<duration like 3s>[,switch=<file>]";

    /** What an injected fault does to one call. */
    public enum Fault {
        /** The call is not made; a transient error is raised. */
        TRANSIENT,
        /** The call is not made; a permanent error is raised. */
        PERMANENT,
        /** The call blocks for {@link FaultPlan#hang()}, is not made, and a transient error is raised. */
        HANG
    }

    /** Checks the ranges. */
    public FaultPlan {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("provisioner.libvirt.test-faults: rate must be in [0, 1] (" + rate
                    + "); rule: " + RULE);
        }
        if (hang.isNegative()) {
            throw new IllegalArgumentException("provisioner.libvirt.test-faults: hang must not be negative (" + hang
                    + "); rule: " + RULE);
        }
    }

    /**
     * Parses the setting.
     *
     * @throws IllegalArgumentException naming the bad part and the rule
     */
    public static FaultPlan parse(String text) {
        double rate = -1;
        long seed = 1;
        Duration hang = Duration.ofSeconds(3);
        Optional<Path> onlyWhile = Optional.empty();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("provisioner.libvirt.test-faults: '" + part.trim()
                        + "' is not key=value; rule: " + RULE);
            }
            try {
                switch (kv[0]) {
                    case "rate" -> rate = Double.parseDouble(kv[1]);
                    case "seed" -> seed = Long.parseLong(kv[1]);
                    case "hang" -> hang = Duration.parse("PT" + kv[1].toUpperCase(java.util.Locale.ROOT));
                    case "switch" -> onlyWhile = Optional.of(Path.of(kv[1]));
                    default -> throw new IllegalArgumentException("provisioner.libvirt.test-faults: unknown key '"
                            + kv[0] + "'; rule: " + RULE);
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("provisioner.libvirt.test-faults: bad value '" + kv[1] + "' for "
                        + kv[0] + "; rule: " + RULE, e);
            }
        }
        if (rate < 0) {
            throw new IllegalArgumentException("provisioner.libvirt.test-faults: rate is required; rule: " + RULE);
        }
        return new FaultPlan(rate, seed, hang, onlyWhile);
    }

    /** A source of decisions for one service run. */
    public Dice dice() {
        return new Dice(this, new Random(seed));
    }

    /** Draws a fault (or none) per call; thread-safe. */
    public static final class Dice {
        private final FaultPlan plan;
        private final Random random;

        private Dice(FaultPlan plan, Random random) {
            this.plan = plan;
            this.random = random;
        }

        /** The fault for the next call, if any. */
        public synchronized Optional<Fault> next() {
            if (plan.onlyWhile.isPresent() && !Files.exists(plan.onlyWhile.get())) {
                return Optional.empty();
            }
            if (random.nextDouble() >= plan.rate) {
                return Optional.empty();
            }
            double kind = random.nextDouble();
            return Optional.of(kind < 0.5 ? Fault.TRANSIENT : kind < 0.75 ? Fault.PERMANENT : Fault.HANG);
        }
    }
}

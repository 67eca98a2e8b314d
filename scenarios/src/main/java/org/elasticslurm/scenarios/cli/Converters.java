package org.elasticslurm.scenarios.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.Keyword;
import org.elasticslurm.scenarios.model.TargetKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value conversions with the scenario files' words and rules. */
final class Converters {
    private Converters() {
    }

    /** {@code sim}, {@code fake-realtime}, ... */
    static final class Target implements ITypeConverter<TargetKind> {
        @Override
        public TargetKind convert(String value) {
            return Arrays.stream(TargetKind.values()).filter(t -> t.keyword().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown target '" + value + "'; allowed: "
                            + Arrays.stream(TargetKind.values()).map(Keyword::keyword).collect(Collectors.joining(", "))));
        }
    }

    /** {@code fake}, {@code real}. */
    static final class Controller implements ITypeConverter<org.elasticslurm.scenarios.target.ControllerKind> {
        @Override
        public org.elasticslurm.scenarios.target.ControllerKind convert(String value) {
            return Arrays.stream(org.elasticslurm.scenarios.target.ControllerKind.values())
                    .filter(c -> c.word().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown controller '" + value
                            + "'; allowed: fake, real"));
        }
    }

    /** {@code 75s}, {@code 2m}, {@code 1.5s}. */
    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The completion candidates of --target. */
    static final class Targets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(TargetKind.values()).map(Keyword::keyword).iterator();
        }
    }
}

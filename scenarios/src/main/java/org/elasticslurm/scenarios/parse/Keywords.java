package org.elasticslurm.scenarios.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Keyword;

/** Looks fixed words up among an enum's values. */
final class Keywords {
    private Keywords() {
    }

    static <E extends Keyword> Optional<E> parse(String text, E[] values) {
        return Arrays.stream(values).filter(v -> v.keyword().equals(text)).findFirst();
    }

    static <E extends Keyword> List<String> all(E[] values) {
        return Arrays.stream(values).map(Keyword::keyword).toList();
    }
}

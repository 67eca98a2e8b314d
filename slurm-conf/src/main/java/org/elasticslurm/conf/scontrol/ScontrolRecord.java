package org.elasticslurm.conf.scontrol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One record of {@code scontrol show node|job} output: its {@code Key=value} pairs in printed order. A value keeps
 * its spaces ({@code OS=Linux 6.1 #1 SMP}, {@code Reason=power down [root@2026-11-28T16:39:06]}).
 *
 * @param values the values by key, in printed order
 */
public record ScontrolRecord(Map<String, String> values) {

    public ScontrolRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code key}, if the record has it. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The value of {@code key}.
     *
     * @throws IllegalArgumentException when the record lacks it
     */
    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("scontrol record without " + key + "=: " + values);
        }
        return value;
    }
}

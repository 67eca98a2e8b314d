package org.elasticslurm.conf;

/**
 * One {@code Key=Value} as read, with where it stands.
 *
 * @param key the key as written
 * @param value the value as read (quotes removed, escapes applied)
 * @param location its line
 */
record ConfEntry(String key, String value, SourceLocation location) {

    /** The pair as written, for messages. */
    String asWritten() {
        return key + "=" + value;
    }
}

package org.elasticslurm.fake.api;

import org.elasticslurm.fake.wire.Json;

/**
 * The wire protocol's JSON reader, free of libraries. Values map to Java as: object {@code Map<String, Object>}
 * (insertion ordered), array {@code List<Object>}, string {@code String}, integral number {@code Long}, other
 * number {@code Double}, {@code Boolean}, {@code null}.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * Parses one JSON value (surrounding white space allowed).
     *
     * @throws RuntimeException naming the position and what was expected, when the text is not JSON
     */
    public static Object parse(String text) {
        return Json.parse(text);
    }
}

package org.elasticslurm.provisioner.client;

/** The little JSON the hook clients need, without a library (the clients must start fast). */
final class Json {
    private Json() {
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The value of {@code "error"} in an error reply, or the body itself (bounded). */
    static String errorText(String body) {
        int k = body.indexOf("\"error\"");
        if (k >= 0) {
            int start = body.indexOf('"', body.indexOf(':', k) + 1);
            StringBuilder b = new StringBuilder();
            for (int i = start + 1; start >= 0 && i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    b.append(body.charAt(++i));
                } else if (c == '"') {
                    return b.toString();
                } else {
                    b.append(c);
                }
            }
        }
        String s = body.strip();
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    /** How often a text occurs. */
    static int count(String body, String what) {
        int n = 0;
        for (int i = body.indexOf(what); i >= 0; i = body.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}

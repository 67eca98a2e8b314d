package org.elasticslurm.provisioner.operation;

/** Makes untrusted text safe to echo in an error message: control characters escaped, length bounded. */
final class Printable {
    private static final int MAX = 200;

    private Printable() {
    }

    static String of(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(MAX).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX) {
            b.append("...");
        }
        return "\"" + b + "\"";
    }
}

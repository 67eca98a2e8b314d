package org.elasticslurm.scenarios.report;

import java.util.Locale;

/** Escaping and number formatting for the HTML/SVG report. */
final class Markup {
    private Markup() {
    }

    /** Text safe in element content and in double-quoted attributes. */
    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A coordinate with one decimal. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

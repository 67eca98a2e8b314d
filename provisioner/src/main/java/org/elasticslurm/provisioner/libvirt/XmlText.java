package org.elasticslurm.provisioner.libvirt;

/** A small writer of indented XML with escaping; attributes come as name/value pairs. */
final class XmlText {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    void open(String name, String... attributes) {
        indent();
        out.append('<').append(name);
        attributes(attributes);
        out.append(">\n");
        depth++;
    }

    void close(String name) {
        depth--;
        indent();
        out.append("</").append(name).append(">\n");
    }

    void element(String name, String text, String... attributes) {
        indent();
        out.append('<').append(name);
        attributes(attributes);
        out.append('>').append(escape(text)).append("</").append(name).append(">\n");
    }

    void empty(String name, String... attributes) {
        indent();
        out.append('<').append(name);
        attributes(attributes);
        out.append("/>\n");
    }

    /** Inserts an already-formed fragment (e.g. another writer's output) at the current depth. */
    void raw(String fragment) {
        fragment.lines().forEach(l -> {
            indent();
            out.append(l).append('\n');
        });
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("='").append(escape(attributes[i + 1])).append('\'');
        }
    }

    private void indent() {
        out.append("  ".repeat(depth));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        throw new IllegalArgumentException("control character U+" + Integer.toHexString(c)
                                + " cannot appear in XML: " + s);
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

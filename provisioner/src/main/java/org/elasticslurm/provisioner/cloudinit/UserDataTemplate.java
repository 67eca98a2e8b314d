package org.elasticslurm.provisioner.cloudinit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cloud-init user-data template with {@code {{ name }}} placeholders, checked once when it is loaded:
 * the first line must be a user-data type cloud-init recognises (otherwise cloud-init ignores the file
 * silently), and every placeholder must name a known variable. Rendering substitutes values verbatim, so
 * multi-line values (slurm.conf) belong in their {@code _base64} form with {@code encoding: b64}.
 */
public final class UserDataTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern NAME = Pattern.compile("\\s*([a-z][a-z0-9_]*)\\s*");
    private static final List<String> HEADERS = List.of("#cloud-config", "#!", "#include", "#cloud-boothook",
            "Content-Type:");

    private final String source;
    private final List<Part> parts;

    private sealed interface Part permits Text, Variable {
    }

    private record Text(String text) implements Part {
    }

    private record Variable(String name) implements Part {
    }

    private UserDataTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses and checks a template.
     *
     * @param source where it came from, for messages
     * @param text the template
     * @param known the variables a render will supply
     * @throws TemplateException naming every problem with its line and column
     */
    public static UserDataTemplate parse(String source, String text, Set<String> known) {
        List<String> problems = new ArrayList<>();
        String first = text.lines().findFirst().orElse("");
        if (HEADERS.stream().noneMatch(first::startsWith)) {
            problems.add("line 1: must start with one of " + HEADERS + " (cloud-init ignores other user-data), found '"
                    + abbreviate(first) + "'");
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            parts.add(new Text(text.substring(last, m.start())));
            Matcher name = NAME.matcher(m.group(1));
            String where = position(text, m.start());
            if (!name.matches()) {
                problems.add(where + ": '" + abbreviate(m.group()) + "' is not a variable reference"
                        + " (write {{ name }} with a lower-case name)");
            } else if (!known.contains(name.group(1))) {
                problems.add(where + ": unknown variable '" + name.group(1) + "' (known: "
                        + String.join(", ", new TreeSet<>(known)) + ")");
            } else {
                parts.add(new Variable(name.group(1)));
            }
            last = m.end();
        }
        String rest = text.substring(last);
        int open = rest.indexOf("{{");
        if (open >= 0) {
            problems.add(position(text, last + open) + ": '{{' without a closing '}}'");
        }
        parts.add(new Text(rest));
        if (!problems.isEmpty()) {
            throw new TemplateException(source, problems);
        }
        return new UserDataTemplate(source, parts);
    }

    /** The variables the template uses. */
    public Set<String> variables() {
        Set<String> used = new TreeSet<>();
        for (Part p : parts) {
            if (p instanceof Variable v) {
                used.add(v.name());
            }
        }
        return used;
    }

    /**
     * Renders the template.
     *
     * @throws IllegalArgumentException when a used variable has no value
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                out.append(t.text());
            } else if (p instanceof Variable v) {
                String value = values.get(v.name());
                if (value == null) {
                    throw new IllegalArgumentException("user-data template " + source + ": no value for variable '"
                            + v.name() + "'");
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    private static String position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

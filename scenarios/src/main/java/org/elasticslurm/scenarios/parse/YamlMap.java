package org.elasticslurm.scenarios.parse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.Keyword;
import org.elasticslurm.scenarios.model.Position;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read with positions: every accessor fails with a {@link ScenarioException} at the offending
 * node, naming the key, the context ({@code in step}) and the allowed keys or values.
 */
final class YamlMap {
    private final Path file;
    private final String context;
    private final Node node;
    private final Map<String, NodeTuple> entries;

    private YamlMap(Path file, String context, Node node, Map<String, NodeTuple> entries) {
        this.file = file;
        this.context = context;
        this.node = node;
        this.entries = entries;
    }

    /** Reads a mapping; refuses other node kinds, non-scalar keys and duplicate keys. */
    static YamlMap of(Path file, Node node, String context) {
        if (!(node instanceof MappingNode mapping)) {
            throw new ScenarioException(position(file, node), context + " must be a mapping (key: value lines), "
                    + "found " + describe(node));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                throw new ScenarioException(position(file, t.getKeyNode()), "keys in " + context
                        + " must be plain words, found " + describe(t.getKeyNode()));
            }
            NodeTuple previous = entries.putIfAbsent(key.getValue(), t);
            if (previous != null) {
                throw new ScenarioException(position(file, key), "duplicate key '" + key.getValue() + "' in " + context
                        + " (first at line " + (previous.getKeyNode().getStartMark().getLine() + 1) + ")",
                        Optional.of(key.getValue()), List.of(), null);
            }
        }
        return new YamlMap(file, context, node, entries);
    }

    static Position position(Path file, Node node) {
        Mark m = node.getStartMark();
        return new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue().isEmpty() ? "nothing" : "the value '" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    String context() {
        return context;
    }

    Path file() {
        return file;
    }

    Position position() {
        return position(file, node);
    }

    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Refuses any key outside {@code allowed}: the first unknown one, with a suggestion. */
    void allowOnly(List<String> allowed) {
        for (NodeTuple t : entries.values()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                String hint = Suggestions.closest(key, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw new ScenarioException(position(file, t.getKeyNode()), "unknown key '" + key + "' in " + context
                        + hint + "; allowed: " + String.join(", ", allowed), Optional.of(key), allowed, null);
            }
        }
    }

    /** Fails when a required key is missing. */
    void require(String... keys) {
        for (String key : keys) {
            if (!has(key)) {
                throw new ScenarioException(position(), "missing key '" + key + "' in " + context,
                        Optional.of(key), List.of(), null);
            }
        }
    }

    Node node(String key) {
        require(key);
        return entries.get(key).getValueNode();
    }

    Position keyPosition(String key) {
        return position(file, entries.get(key).getKeyNode());
    }

    Position valuePosition(String key) {
        return position(file, node(key));
    }

    ScalarNode scalarNode(String key) {
        Node value = node(key);
        if (!(value instanceof ScalarNode s)) {
            throw error(key, "'" + key + "' in " + context + " must be a single value, found " + describe(value));
        }
        return s;
    }

    Optional<String> string(String key) {
        return has(key) ? Optional.of(requiredString(key)) : Optional.empty();
    }

    String requiredString(String key) {
        String value = scalarNode(key).getValue();
        if (value.isBlank()) {
            throw error(key, "'" + key + "' in " + context + " is empty");
        }
        return value;
    }

    Optional<Duration> duration(String key) {
        return string(key).map(text -> {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(key, "bad value for '" + key + "' in " + context + ": " + e.getMessage());
            }
        });
    }

    OptionalInt integer(String key, int min) {
        if (!has(key)) {
            return OptionalInt.empty();
        }
        String text = requiredString(key);
        try {
            int value = Integer.parseInt(text);
            if (value < min) {
                throw error(key, "'" + key + "' in " + context + " must be at least " + min + ", found " + value);
            }
            return OptionalInt.of(value);
        } catch (NumberFormatException e) {
            throw error(key, "'" + key + "' in " + context + " must be a whole number, found '" + text + "'");
        }
    }

    /** A fixed word; the error lists the allowed ones. */
    <E extends Keyword> E keyword(String key, E[] values, String what) {
        String text = requiredString(key);
        return Keywords.parse(text, values).orElseThrow(() -> {
            List<String> allowed = Keywords.all(values);
            String hint = Suggestions.closest(text, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
            return new ScenarioException(valuePosition(key), "unknown " + what + " '" + text + "' for '" + key
                    + "' in " + context + hint + "; allowed: " + String.join(", ", allowed), Optional.of(key),
                    allowed, null);
        });
    }

    /** A single value or a list of single values. */
    List<ScalarNode> scalarList(String key) {
        Node value = node(key);
        if (value instanceof ScalarNode s) {
            return List.of(s);
        }
        if (!(value instanceof SequenceNode seq)) {
            throw error(key, "'" + key + "' in " + context + " must be a value or a list of values, found "
                    + describe(value));
        }
        List<ScalarNode> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode s)) {
                throw new ScenarioException(position(file, item), "items of '" + key + "' in " + context
                        + " must be single values, found " + describe(item), Optional.of(key), List.of(), null);
            }
            items.add(s);
        }
        return items;
    }

    SequenceNode sequence(String key) {
        Node value = node(key);
        if (!(value instanceof SequenceNode seq)) {
            throw error(key, "'" + key + "' in " + context + " must be a list (lines starting with '- '), found "
                    + describe(value));
        }
        return seq;
    }

    YamlMap map(String key, String childContext) {
        return of(file, node(key), childContext);
    }

    /** The entries in order, for mappings whose keys are names (pools, properties). */
    Map<String, Node> entries() {
        Map<String, Node> out = new LinkedHashMap<>();
        entries.forEach((k, t) -> out.put(k, t.getValueNode()));
        return out;
    }

    ScenarioException error(String key, String problem) {
        Position at = has(key) ? valuePosition(key) : position();
        return new ScenarioException(at, problem, Optional.of(key), List.of(), null);
    }
}

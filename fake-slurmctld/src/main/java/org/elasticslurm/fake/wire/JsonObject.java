package org.elasticslurm.fake.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A JSON object with typed access for reading messages and a fluent {@link #put} for writing them. A missing or
 * mistyped field is a {@link WireException} naming the field.
 */
public final class JsonObject {

    private final Map<String, Object> fields;

    private JsonObject(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** An empty object to fill with {@link #put}. */
    public static JsonObject create() {
        return new JsonObject(new LinkedHashMap<>());
    }

    /** Parses text that must hold one JSON object. */
    public static JsonObject parse(String text) {
        return of(Json.parse(text), "message");
    }

    private static JsonObject of(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new WireException(what + " is not a JSON object");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new JsonObject(copy);
    }

    /** Sets a field (a value Json can write, a JsonObject, or a list of them); an empty Optional is left out. */
    public JsonObject put(String key, Object value) {
        if (value instanceof Optional<?> o) {
            o.ifPresent(v -> fields.put(key, plain(v)));
        } else if (value instanceof OptionalInt o) {
            o.ifPresent(v -> fields.put(key, (long) v));
        } else if (value instanceof OptionalLong o) {
            o.ifPresent(v -> fields.put(key, v));
        } else {
            fields.put(key, plain(value));
        }
        return this;
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject o) {
            return o.fields;
        }
        if (value instanceof Integer i) {
            return (long) i;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        return value;
    }

    /** Whether the field is present (and not null). */
    public boolean has(String key) {
        return fields.get(key) != null;
    }

    public String string(String key) {
        return optString(key).orElseThrow(() -> missing(key));
    }

    public Optional<String> optString(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw wrong(key, "a string");
        }
        return Optional.of(s);
    }

    public long number(String key) {
        return optNumber(key).orElseThrow(() -> missing(key));
    }

    public OptionalLong optNumber(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!(v instanceof Long l)) {
            throw wrong(key, "a whole number");
        }
        return OptionalLong.of(l);
    }

    public int integer(String key) {
        return Math.toIntExact(number(key));
    }

    public OptionalInt optInteger(String key) {
        OptionalLong v = optNumber(key);
        return v.isPresent() ? OptionalInt.of(Math.toIntExact(v.getAsLong())) : OptionalInt.empty();
    }

    /** A number that may have a fraction. */
    public Optional<Double> optDecimal(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long l) {
            return Optional.of(l.doubleValue());
        }
        if (!(v instanceof Double d)) {
            throw wrong(key, "a number");
        }
        return Optional.of(d);
    }

    public boolean bool(String key) {
        return optBool(key).orElseThrow(() -> missing(key));
    }

    public Optional<Boolean> optBool(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Boolean b)) {
            throw wrong(key, "true or false");
        }
        return Optional.of(b);
    }

    public JsonObject object(String key) {
        return optObject(key).orElseThrow(() -> missing(key));
    }

    public Optional<JsonObject> optObject(String key) {
        Object v = fields.get(key);
        return v == null ? Optional.empty() : Optional.of(of(v, "field '" + key + "'"));
    }

    /** A list of objects; an absent field is an empty list. */
    public List<JsonObject> objects(String key) {
        List<JsonObject> out = new ArrayList<>();
        for (Object v : list(key)) {
            out.add(of(v, "an element of '" + key + "'"));
        }
        return out;
    }

    /** A list of strings; an absent field is an empty list. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object v : list(key)) {
            if (!(v instanceof String s)) {
                throw wrong(key, "a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** An object of string values, in order; an absent field is an empty map. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<JsonObject> o = optObject(key);
        if (o.isPresent()) {
            for (Map.Entry<String, Object> e : o.get().fields.entrySet()) {
                if (!(e.getValue() instanceof String s)) {
                    throw wrong(key, "an object of strings");
                }
                out.put(e.getKey(), s);
            }
        }
        return out;
    }

    private List<?> list(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw wrong(key, "a list");
        }
        return l;
    }

    /** The object as compact JSON text. */
    public String toJson() {
        return Json.write(fields);
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static WireException missing(String key) {
        return new WireException("field '" + key + "' is missing");
    }

    private static WireException wrong(String key, String expected) {
        return new WireException("field '" + key + "' is not " + expected);
    }
}

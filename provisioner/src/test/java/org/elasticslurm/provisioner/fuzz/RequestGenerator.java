package org.elasticslurm.provisioner.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile HTTP requests for one endpoint from a seeded {@link Random}: grammar-based and random
 * hostlists, JSON of wrong shapes and sizes, odd headers and methods, bodies cut short. The same seed gives the
 * same requests.
 */
final class RequestGenerator {
    static final List<String> POWER_PATHS = List.of("/v1/resume", "/v1/suspend", "/v1/resume-fail");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "PROPFIND", "FOO");
    private static final List<String> PREFIXES = List.of("test", "test", "login", "node", "", "tëst", "节点", "x-y.z",
            "TEST", "test ", " test", "\u202etest", "test\u0000", "$(id)", "../", "a".repeat(300));
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=latin1", "application/json;charset=bogus", "text/plain", "*/*",
            "application/x-www-form-urlencoded", "application/xml", "application/json, text/plain", "garbage", "",
            "application/JSON", "multipart/form-data; boundary=x");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "application/xml",
            "garbage;;;q=x", "application/json;q=0", "");

    private final Random random;
    private final String token;

    RequestGenerator(Random random, String token) {
        this.random = random;
        this.token = token;
    }

    /** One request for the endpoint: mostly its own method and a plausible body, sometimes anything. */
    FuzzRequest next(String endpoint) {
        boolean post = POWER_PATHS.contains(endpoint);
        String method = random.nextInt(5) == 0 ? pick(METHODS) : post ? "POST" : "GET";
        String path = switch (endpoint) {
            case "/v1/nodes/{name}" -> "/v1/nodes/" + pathSegment(hostlist());
            case "/v1/operations/{id}" -> "/v1/operations/" + pathSegment(operationId());
            default -> endpoint + (random.nextInt(30) == 0 ? pick(List.of("/", "?x=1", "//", "/..", "%00")) : "");
        };
        byte[] body = post || random.nextInt(8) == 0 ? body() : new byte[0];
        StringBuilder headers = new StringBuilder();
        header(headers, "Authorization", random.nextInt(6) == 0 ? badAuthorization() : "Bearer " + token);
        if (random.nextInt(6) != 0 && body.length > 0) {
            header(headers, "Content-Type", random.nextInt(3) == 0 ? pick(CONTENT_TYPES) : "application/json");
        }
        if (random.nextInt(8) == 0) {
            header(headers, "Accept", pick(ACCEPTS));
        }
        int cut = body.length > 0 && random.nextInt(15) == 0 ? random.nextInt(body.length) : -1;
        boolean noLength = body.length > 0 && random.nextInt(20) == 0;
        return new FuzzRequest(method, path, headers.toString(), body, cut, noLength);
    }

    private void header(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(name).append(": ").append(value).append("\r\n");
        }
    }

    private String badAuthorization() {
        return pick(java.util.Arrays.asList(null, "Bearer", "Bearer ", "bearer " + token, "Bearer  " + token, "Bearer " + token + "x",
                "Bearer " + token.substring(1), "Basic dXNlcjpwYXNz", "Bearer wrong", "Token " + token,
                "Bearer " + token + " " + token, "Bearer " + "x".repeat(5000), "Bearer tëst"));
    }

    private String operationId() {
        return pick(List.of("00000000-0000-0000-0000-000000000000", "1", "-1", "", "..", "%", "x".repeat(2000),
                "null", "ë", java.util.UUID.randomUUID().toString(), randomText(20)));
    }

    private String pathSegment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.length() > 7000 ? b.substring(0, 7000) : b.toString();
    }

    /** A hostlist by a small grammar (prefix, ranges, lists, nesting), sometimes plain noise or very long. */
    String hostlist() {
        return switch (random.nextInt(12)) {
            case 0 -> randomText(random.nextInt(40));
            case 1 -> "test1,".repeat(1 + random.nextInt(20_000)) + "test2";
            case 2 -> "test[" + "[".repeat(1 + random.nextInt(50)) + "1-2" + "]".repeat(random.nextInt(52)) + "]";
            case 3 -> pick(PREFIXES) + "[0-" + pick(List.of("999", "1000", "1001", "99999999999",
                    "9".repeat(40), "-1", "1e9", "0x10")) + "]";
            default -> {
                int parts = 1 + random.nextInt(4);
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < parts; i++) {
                    b.append(i > 0 ? pick(List.of(",", ",", ", ", ",,", ";", " ")) : "").append(hostlistTerm());
                }
                yield b.toString();
            }
        };
    }

    private String hostlistTerm() {
        String prefix = pick(PREFIXES);
        if (random.nextBoolean()) {
            return prefix + random.nextInt(12);
        }
        int ranges = 1 + random.nextInt(3);
        StringBuilder b = new StringBuilder(prefix).append('[');
        for (int i = 0; i < ranges; i++) {
            int lo = random.nextInt(12);
            int hi = random.nextInt(5) == 0 ? lo - 1 : lo + random.nextInt(10);
            b.append(i > 0 ? "," : "").append(random.nextInt(6) == 0 ? "0" : "").append(lo);
            if (random.nextBoolean()) {
                b.append('-').append(hi);
            }
        }
        if (random.nextInt(8) != 0) {
            b.append(']');
        }
        if (random.nextInt(6) == 0) {
            b.append(pick(List.of("[1-2]", "x", "-", "]", "[")));
        }
        return b.toString();
    }

    private byte[] body() {
        String json = switch (random.nextInt(20)) {
            case 0 -> pick(List.of("[]", "[1,2]", "1", "-0.5e999", "null", "true", "\"test1\"", "", " ", "{",
                    "}", "{\"nodes\"}", "{\"nodes\":}", "{'nodes':'test1'}", "{\"nodes\":\"test1\",}"));
            case 1 -> "[".repeat(1 + random.nextInt(5000)) + "]".repeat(random.nextInt(5001));
            case 2 -> "{\"nodes\":" + "{\"a\":".repeat(1 + random.nextInt(3000)) + "1" + "}".repeat(3001) + "}";
            case 3 -> "{\"nodes\":\"test1\",\"pad\":\"" + "x".repeat(1_000_000 + random.nextInt(100_000)) + "\"}";
            case 4 -> "{\"nodes\":" + pick(List.of("1", "1e400", "123456789012345678901234567890", "null", "true",
                    "[\"test1\"]", "{}", "\"\"")) + "}";
            case 5 -> "{\"nodes\":\"test1\",\"force\":" + pick(List.of("true", "false", "\"yes\"", "1", "null",
                    "[]", "{}", "2e308")) + "}";
            case 6 -> "{\"nodes\":\"test1\",\"resumeFile\":" + resumeFile() + "}";
            case 7 -> "{\"nodes\":\"test1\",\"nodes\":\"" + escape(hostlist()) + "\"}";
            case 8 -> randomText(random.nextInt(200));
            case 9 -> "{\"nodes\":\"" + escape(hostlist()) + "\",\"" + randomText(10).replace("\"", "")
                    + "\":" + random.nextInt() + "}";
            default -> "{\"nodes\":\"" + escape(hostlist()) + "\"}";
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(25) == 0 && bytes.length > 2) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // invalid UTF-8
        }
        return bytes;
    }

    private String resumeFile() {
        return pick(List.of("[]", "1", "null", "\"x\"", "{\"jobs\":1}", "{\"jobs\":[1,null,\"x\"]}",
                "{\"jobs\":[{\"job_id\":\"a\",\"nodes\":\"test1\"}]}", "{\"jobs\":[{\"job_id\":1e99,\"nodes\":[]}]}",
                "{\"jobs\":[{\"job_id\":1,\"nodes_resume\":\"test[1-99999999]\"}]}",
                "{\"jobs\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                "{\"jobs\":[{\"job_id\":-1,\"nodes\":\"" + escape(hostlist()) + "\"}]}"));
    }

    private String randomText(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            b.appendCodePoint(kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x20 + random.nextInt(0x5f)
                    : kind == 2 ? 0xa0 + random.nextInt(0x2000) : 0x1f600 + random.nextInt(0x50));
        }
        return b.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}

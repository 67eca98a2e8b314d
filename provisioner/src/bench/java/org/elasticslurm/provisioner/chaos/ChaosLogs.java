package org.elasticslurm.provisioner.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** What a chaos run reads from the service's files once it is stopped: the operation log and the service logs. */
final class ChaosLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChaosLogs() {
    }

    /** Accepted operations whose last logged status is not final (or that were never logged), each noted. */
    static int lost(Path operationLog, Set<String> accepted, List<String> notes) throws IOException {
        Map<String, String> last = new HashMap<>();
        for (String line : Files.readAllLines(operationLog)) {
            try {
                JsonNode j = JSON.readTree(line);
                if (j.has("operation")) {
                    last.put(j.get("operation").asText(), j.path("status").asText());
                }
            } catch (IOException e) {
                notes.add("unreadable operation log line: " + line);
            }
        }
        int lost = 0;
        for (String id : accepted) {
            String s = last.get(id);
            if (s == null || !Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(s)) {
                lost++;
                notes.add("lost: operation " + id + " last logged " + (s == null ? "never" : s));
            }
        }
        return lost;
    }

    /** Faults the service's fault-injecting decorator logged, over every service.log* of the run. */
    static int injectedFaults(Path serviceDir) throws IOException {
        int n = 0;
        try (Stream<Path> logs = Files.list(serviceDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("service.log")).toList()) {
                n += (int) Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> l.contains("injected fault ")).count();
            }
        }
        return n;
    }

    static boolean removeTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.elasticslurm.fake.api.CommandRun;

/**
 * How job commands behave on sim, which runs nothing: {@code hostname} prints each node's name,
 * {@code echo ...} its words on each node, {@code sleep N} takes N seconds (a bad operand exits 1),
 * {@code false} exits 1; anything
 * else takes 50 ms, prints nothing and exits 0. {@code sh -c "..."} (sbatch's {@code --wrap}) is looked into.
 */
final class SimWorkload {

    static final Duration DEFAULT_RUN = Duration.ofMillis(50);

    private SimWorkload() {
    }

    static CommandRun run(List<String> command, List<String> nodes) {
        List<String> words = command;
        if (words.size() >= 3 && words.get(0).endsWith("sh") && words.get(1).equals("-c")) {
            words = Arrays.asList(words.get(2).trim().split("\\s+"));
        }
        if (words.isEmpty()) {
            return new CommandRun(DEFAULT_RUN, 0, "");
        }
        String program = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        return switch (program) {
            case "hostname" -> new CommandRun(DEFAULT_RUN, 0, perNode(nodes, null));
            case "echo" -> new CommandRun(DEFAULT_RUN, 0, perNode(nodes, String.join(" ",
                    words.subList(1, words.size()))));
            case "false" -> new CommandRun(DEFAULT_RUN, 1, "");
            case "sleep" -> sleep(words);
            default -> new CommandRun(DEFAULT_RUN, 0, "");
        };
    }

    private static String perNode(List<String> nodes, String text) {
        StringBuilder b = new StringBuilder();
        for (String node : nodes) {
            b.append(text == null ? node : text).append('\n');
        }
        return b.toString();
    }

    /** {@code sleep SECONDS}; like coreutils' sleep, a bad or missing operand fails at once. */
    private static CommandRun sleep(List<String> words) {
        if (words.size() < 2 || !words.get(1).matches("\\d+(\\.\\d+)?")) {
            return new CommandRun(DEFAULT_RUN, 1, "sleep: invalid time interval '"
                    + (words.size() < 2 ? "" : words.get(1)) + "'\n");
        }
        return new CommandRun(Duration.ofMillis(Math.round(Double.parseDouble(words.get(1)) * 1000)), 0, "");
    }
}

package org.elasticslurm.scenarios.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.api.JobSubmission;
import org.elasticslurm.scenarios.model.Step;

/**
 * The srun/sbatch options the sim target understands: {@code -w/--nodelist}, {@code -N/--nodes},
 * {@code -p/--partition}, sbatch's {@code --wrap}, then srun's command.
 */
final class SubmitArgs {

    private SubmitArgs() {
    }

    /**
     * The job request of a submit step.
     *
     * @throws IllegalArgumentException naming the option the sim target does not understand
     */
    static JobSubmission request(Step.Submit submit) {
        boolean batch = submit.command().equals("sbatch");
        Optional<String> nodeList = Optional.empty();
        OptionalInt nodeCount = OptionalInt.empty();
        Optional<String> partition = Optional.empty();
        Optional<String> wrap = Optional.empty();
        List<String> args = submit.args();
        List<String> command = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                command.addAll(args.subList(i, args.size()));
                break;
            }
            Option o = option(a, args, i);
            switch (o.name) {
                case "w", "nodelist" -> nodeList = Optional.of(o.value);
                case "N", "nodes" -> nodeCount = OptionalInt.of(count(o.value));
                case "p", "partition" -> partition = Optional.of(o.value);
                case "wrap" -> {
                    if (!batch) {
                        throw new IllegalArgumentException("--wrap is an sbatch option, not srun's");
                    }
                    wrap = Optional.of(o.value);
                }
                default -> throw new IllegalArgumentException("option " + a + " of " + submit.command()
                        + " is not modelled; the sim target understands -w/--nodelist, -N/--nodes, "
                        + "-p/--partition" + (batch ? ", --wrap" : ""));
            }
            i += o.consumed;
        }
        if (batch) {
            if (wrap.isEmpty()) {
                throw new IllegalArgumentException("sbatch without --wrap: batch scripts are not modelled on sim");
            }
            return new JobSubmission("wrap", List.of("/bin/sh", "-c", wrap.get()), nodeList, nodeCount, partition);
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("srun without a command");
        }
        String name = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
        return new JobSubmission(name, command, nodeList, nodeCount, partition);
    }

    private record Option(String name, String value, int consumed) {
    }

    private static Option option(String a, List<String> args, int i) {
        if (a.startsWith("--")) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                return new Option(a.substring(2, eq), a.substring(eq + 1), 1);
            }
            return new Option(a.substring(2), valueAfter(a, args, i), 2);
        }
        String name = a.substring(1, 2);
        if (a.length() > 2) {
            return new Option(name, a.substring(2), 1);
        }
        return new Option(name, valueAfter(a, args, i), 2);
    }

    private static String valueAfter(String option, List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(i + 1);
    }

    private static int count(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-N takes a node count, not '" + value + "'", e);
        }
    }
}

package org.elasticslurm.fake.cli;

import java.util.List;
import java.util.Locale;

/**
 * {@code scontrol power up|down [asap|force] NODES} of Slurm 24.11 and later, as the node update it stands for
 * ({@code update NodeName=NODES State=POWER_UP|POWER_DOWN[_ASAP|_FORCE]}), with the real command's messages for
 * bad arguments (measured with scontrol 24.11.5).
 */
final class ScontrolPower {

    /** Either the update words to run or the message to print (the command then exits 1). */
    record Parsed(List<String> updateWords, String error) {
    }

    private ScontrolPower() {
    }

    /** Whether {@code tag} names the power command ({@code pow} and longer abbreviations). */
    static boolean isPower(String tag) {
        return Keywords.matches(tag, "power", 3);
    }

    /** {@code words}: the command line from {@code power} on. */
    static Parsed parse(List<String> words) {
        String tag = words.get(0);
        if (words.size() < 3) {
            return error("too few arguments for keyword:" + tag);
        }
        if (words.size() > 4) {
            return error("too many arguments for keyword:" + tag);
        }
        String direction = words.get(1).toLowerCase(Locale.ROOT);
        boolean up = direction.equals("up");
        if (!up && !direction.equals("down")) {
            return error("unexpected argument: " + words.get(1));
        }
        String state = up ? "POWER_UP" : "POWER_DOWN";
        if (words.size() == 4) {
            String option = words.get(2).toLowerCase(Locale.ROOT);
            if (!option.equals("asap") && !option.equals("force")) {
                return error("unrecognized optional command:" + words.get(2));
            }
            if (up) {
                return error("The '" + option + "' argument is not valid for power up requests");
            }
            state += "_" + option.toUpperCase(Locale.ROOT);
        }
        return new Parsed(List.of("update", "NodeName=" + words.get(words.size() - 1), "State=" + state), null);
    }

    private static Parsed error(String message) {
        return new Parsed(List.of(), message);
    }
}

package org.elasticslurm.fake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command-line parsing as glibc's {@code getopt_long} does it for the Slurm commands: short options
 * ({@code -w node1}, {@code -wnode1}, bundled {@code -Nh}), long options ({@code --nodelist=node1},
 * {@code --nodelist node1}, unambiguous abbreviations), {@code --} ending the options; either options anywhere
 * (scontrol, sinfo, squeue) or options only before the first operand (srun and sbatch, whose operands are the
 * command). Errors carry getopt's own wording.
 */
final class Getopt {

    /** Whether an option takes a value. */
    enum Arg { NONE, REQUIRED, OPTIONAL }

    /**
     * An option the command knows.
     *
     * @param id    what the command calls it
     * @param shortName the short letter, or 0 for none
     * @param longName  the long name without dashes, or null for none
     * @param arg       whether it takes a value
     */
    record Spec(String id, char shortName, String longName, Arg arg) {
    }

    /**
     * One option found on the command line.
     *
     * @param spec  which option
     * @param value its value, if it has one
     */
    record Found(Spec spec, Optional<String> value) {
        String id() {
            return spec.id();
        }
    }

    /**
     * The parsed command line.
     *
     * @param options  the options, in order
     * @param operands the other words, in order
     */
    record Parsed(List<Found> options, List<String> operands) {
        boolean has(String id) {
            return options.stream().anyMatch(f -> f.id().equals(id));
        }

        /** The value of the last occurrence of an option. */
        Optional<String> last(String id) {
            Optional<String> value = Optional.empty();
            for (Found f : options) {
                if (f.id().equals(id)) {
                    value = f.value().or(() -> Optional.of(""));
                }
            }
            return value;
        }

        int count(String id) {
            return (int) options.stream().filter(f -> f.id().equals(id)).count();
        }
    }

    /** A command line getopt refuses; the message is getopt's, without the program name. */
    static final class GetoptException extends Exception {
        GetoptException(String message) {
            super(message);
        }
    }

    private final List<Spec> specs;
    private final boolean stopAtOperand;

    /**
     * @param specs         the options the command knows
     * @param stopAtOperand whether the first operand ends the options (srun, sbatch)
     */
    Getopt(List<Spec> specs, boolean stopAtOperand) {
        this.specs = List.copyOf(specs);
        this.stopAtOperand = stopAtOperand;
    }

    Parsed parse(List<String> args) throws GetoptException {
        List<Found> found = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                i = longOption(args, i, found);
            } else if (a.startsWith("-") && a.length() > 1) {
                i = shortOptions(args, i, found);
            } else if (stopAtOperand) {
                operands.addAll(args.subList(i, args.size()));
                break;
            } else {
                operands.add(a);
            }
        }
        return new Parsed(found, operands);
    }

    private int longOption(List<String> args, int i, List<Found> found) throws GetoptException {
        String body = args.get(i).substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Optional<String> inline = eq < 0 ? Optional.empty() : Optional.of(body.substring(eq + 1));
        Spec spec = matchLong(name, args.get(i));
        switch (spec.arg()) {
            case NONE -> {
                if (inline.isPresent()) {
                    throw new GetoptException("option '--" + spec.longName() + "' doesn't allow an argument");
                }
                found.add(new Found(spec, Optional.empty()));
                return i;
            }
            case OPTIONAL -> {
                found.add(new Found(spec, inline));
                return i;
            }
            default -> {
                if (inline.isPresent()) {
                    found.add(new Found(spec, inline));
                    return i;
                }
                if (i + 1 >= args.size()) {
                    throw new GetoptException("option '--" + spec.longName() + "' requires an argument");
                }
                found.add(new Found(spec, Optional.of(args.get(i + 1))));
                return i + 1;
            }
        }
    }

    private Spec matchLong(String name, String word) throws GetoptException {
        List<Spec> candidates = new ArrayList<>();
        for (Spec s : specs) {
            if (s.longName() == null) {
                continue;
            }
            if (s.longName().equals(name)) {
                return s;
            }
            if (!name.isEmpty() && s.longName().startsWith(name)) {
                candidates.add(s);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            throw new GetoptException("unrecognized option '" + word + "'");
        }
        StringBuilder msg = new StringBuilder("option '--" + name + "' is ambiguous; possibilities:");
        candidates.forEach(c -> msg.append(" '--").append(c.longName()).append("'"));
        throw new GetoptException(msg.toString());
    }

    private int shortOptions(List<String> args, int i, List<Found> found) throws GetoptException {
        String word = args.get(i);
        for (int k = 1; k < word.length(); k++) {
            char c = word.charAt(k);
            Spec spec = specs.stream().filter(s -> s.shortName() == c).findFirst()
                    .orElseThrow(() -> new GetoptException("invalid option -- '" + c + "'"));
            if (spec.arg() == Arg.NONE) {
                found.add(new Found(spec, Optional.empty()));
                continue;
            }
            String rest = word.substring(k + 1);
            if (!rest.isEmpty()) {
                found.add(new Found(spec, Optional.of(rest)));
                return i;
            }
            if (spec.arg() == Arg.OPTIONAL) {
                found.add(new Found(spec, Optional.empty()));
                return i;
            }
            if (i + 1 >= args.size()) {
                throw new GetoptException("option requires an argument -- '" + c + "'");
            }
            found.add(new Found(spec, Optional.of(args.get(i + 1))));
            return i + 1;
        }
        return i;
    }

    static Spec flag(String id, char shortName, String longName) {
        return new Spec(id, shortName, longName, Arg.NONE);
    }

    static Spec value(String id, char shortName, String longName) {
        return new Spec(id, shortName, longName, Arg.REQUIRED);
    }
}

package org.elasticslurm.scenarios;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which packages depend on which, among the packages under one prefix: an edge for every class that refers to a
 * class of another package, as the class files' constant pools name them (class constants, field and method
 * descriptors, generic signatures, annotations, and the owners of inlined compile-time constants, which javac
 * keeps in the pool since Java 9).
 */
final class PackageGraph {
    /** from package -> to package -> "FromClass -> ToClass" (top-level simple names) */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    /** The graph of the classes compiled into {@code classes}, for the packages under {@code prefix}. */
    static PackageGraph ofClasses(Path classes, String prefix) throws IOException {
        Pattern names = Pattern.compile(Pattern.quote(prefix.replace('.', '/'))
                + "(?:/[a-z_][a-z0-9_]*)*/[A-Z][A-Za-z0-9_]*");
        PackageGraph graph = new PackageGraph();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String self = classes.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
            if (!names.matcher(self).matches() && !names.matcher(self.replaceFirst("\\$.*", "")).matches()) {
                continue;
            }
            graph.add(self.replace('/', '.'));
            for (String referenced : referencedNames(file, names)) {
                graph.reference(self.replace('/', '.'), referenced.replace('/', '.'));
            }
        }
        return graph;
    }

    /** A package, without references yet. */
    PackageGraph add(String className) {
        edges.computeIfAbsent(packageOf(className), p -> new TreeMap<>());
        return this;
    }

    /** {@code from} (a class name) refers to {@code to} (another class name). */
    PackageGraph reference(String from, String to) {
        add(from);
        add(to);
        String source = packageOf(from);
        String target = packageOf(to);
        if (!source.equals(target)) {
            edges.get(source).computeIfAbsent(target, t -> new TreeSet<>())
                    .add(simpleName(from) + " -> " + simpleName(to));
        }
        return this;
    }

    /** Every package seen. */
    Set<String> packages() {
        return edges.keySet();
    }

    /** The packages {@code pkg} depends on. */
    Set<String> dependenciesOf(String pkg) {
        return edges.getOrDefault(pkg, Map.of()).keySet();
    }

    /**
     * The groups of packages that depend on each other (strongly connected components of more than one package),
     * each sorted, in the order of their first package.
     */
    List<List<String>> cycles() {
        return new Components().of();
    }

    /** A cycle group with the class references that bind it, one line per package edge inside the group. */
    String describe(List<String> group) {
        StringBuilder out = new StringBuilder("packages depending on each other: " + group + "\n");
        for (String from : group) {
            edges.get(from).forEach((to, why) -> {
                if (group.contains(to)) {
                    out.append("  ").append(from).append(" -> ").append(to).append("  ").append(why).append('\n');
                }
            });
        }
        return out.toString();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replaceFirst("\\$.*", "");
    }

    /** The names matching {@code names} in the UTF-8 constants of a class file's constant pool. */
    private static Set<String> referencedNames(Path classFile, Pattern names) throws IOException {
        Set<String> found = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(classFile)))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file (no 0xCAFEBABE magic number)");
            }
            in.skipBytes(4); // minor, major version
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        Matcher m = names.matcher(in.readUTF());
                        while (m.find()) {
                            found.add(m.group());
                        }
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // a long or double takes two entries
                    }
                    default -> throw new IOException(classFile + ": constant pool entry " + i + " has unknown tag "
                            + tag);
                }
            }
        }
        return found;
    }

    /** Tarjan's strongly connected components. */
    private final class Components {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> groups = new ArrayList<>();

        List<List<String>> of() {
            for (String pkg : edges.keySet()) {
                if (!index.containsKey(pkg)) {
                    visit(pkg);
                }
            }
            groups.sort((a, b) -> a.get(0).compareTo(b.get(0)));
            return groups;
        }

        private void visit(String pkg) {
            index.put(pkg, index.size());
            low.put(pkg, index.get(pkg));
            stack.push(pkg);
            onStack.add(pkg);
            for (String next : dependenciesOf(pkg)) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(pkg, Math.min(low.get(pkg), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(pkg, Math.min(low.get(pkg), index.get(next)));
                }
            }
            if (low.get(pkg).equals(index.get(pkg))) {
                List<String> group = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    group.add(member);
                } while (!member.equals(pkg));
                if (group.size() > 1) {
                    group.sort(null);
                    groups.add(group);
                }
            }
        }
    }
}

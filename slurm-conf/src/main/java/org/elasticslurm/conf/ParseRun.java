package org.elasticslurm.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One parse of a slurm.conf and the files it includes. */
final class ParseRun {

    private static final String GLOB_CHARS = "*?[";

    private final Path source;
    private final TopLevelKeys topLevel;
    private final List<ConfWarning> warnings = new ArrayList<>();
    private final List<ConfError> errors = new ArrayList<>();
    private Throwable firstCause;
    private final List<Path> files = new ArrayList<>();
    private final Map<String, ConfEntry> params = new LinkedHashMap<>();
    private final NodeLines nodeLines = new NodeLines(warnings);
    private final PartitionLines partitionLines = new PartitionLines(warnings);
    private final Deque<Path> includeStack = new ArrayDeque<>();

    ParseRun(Path source, SlurmVersion version) {
        this.source = source;
        this.topLevel = TopLevelKeys.forVersion(version);
    }

    /**
     * Reads everything, collecting every error; then resolves partitions and power-save settings.
     *
     * @throws SlurmConfException carrying every error found
     */
    SlurmConf parse(String text) {
        includeStack.push(identity(source, new SourceLocation(source, 0), source.toString()));
        files.add(source);
        read(text, source);
        includeStack.pop();

        List<NodeDefinition> nodes = nodeLines.nodes();
        List<PartitionDefinition> partitions = List.of();
        PowerSaveSettings powerSave = null;
        try {
            partitions = partitionLines.resolve(nodes, nodeLines.refusedNames());
            powerSave = new PowerSaveReader(params, warnings, topLevel.defaults().treeWidth()).read(nodes, partitions);
        } catch (SlurmConfException e) {
            record(e);
        }
        if (!errors.isEmpty()) {
            throw SlurmConfException.of(errors, firstCause);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        params.forEach((key, entry) -> {
            parameters.put(key, entry.value());
            locations.put(key, entry.location());
        });
        return new SlurmConf(source, parameters, locations, files, nodes, partitions, powerSave, warnings);
    }

    private void read(String text, Path file) {
        for (ConfText.LogicalLine line : ConfText.logicalLines(text)) {
            try {
                readLine(line, file);
            } catch (SlurmConfException e) {
                record(e);
            }
        }
    }

    private void record(SlurmConfException e) {
        if (errors.isEmpty()) {
            firstCause = e.getCause();
        }
        errors.addAll(e.errors());
    }

    private void readLine(ConfText.LogicalLine line, Path file) {
        String content = line.text();
        SourceLocation location = new SourceLocation(file, line.firstLine());
        if (content.isEmpty()) {
            return;
        }
        if (isInclude(content)) {
            include(content, file, location);
            return;
        }
        Optional<KeyValue> first = KeyValue.at(content, 0);
        if (first.isEmpty()) {
            if (!ConfText.isBlank(content)) {
                throw new SlurmConfException(location, trimEnd(content),
                        "Parse error: expected Key=Value (or Include FILE)", null);
            }
            return;
        }
        KeyValue pair = first.get();
        ConfEntry entry = new ConfEntry(pair.key(), pair.value(), location);
        String rest = content.substring(pair.end());
        switch (KnownKeys.lower(pair.key())) {
            case "nodename" -> {
                try {
                    nodeLines.add(entry, options(rest, KnownKeys.NODE, entry));
                } catch (SlurmConfException e) {
                    nodeLines.refuse(entry);
                    throw e;
                }
            }
            case "partitionname" -> partitionLines.add(entry, options(rest, KnownKeys.PARTITION, entry));
            case "nodeset" -> partitionLines.addNodeSet(entry, options(rest, KnownKeys.NODESET, entry));
            case "downnodes" -> {
                options(rest, KnownKeys.DOWNNODES, entry);
                warnings.add(new ConfWarning(location, "DownNodes lines are not applied to the node model"));
            }
            case "frontendname" -> throw new SlurmConfException(location, entry.asWritten(),
                    "Use of FrontendName in slurm.conf without Slurm being configured/built with the "
                            + "--enable-front-end option", null);
            case "slurmctldhost" -> slurmctldHost(entry, rest);
            default -> plain(entry, rest);
        }
    }

    private void plain(ConfEntry entry, String rest) {
        onlyWhiteSpace(rest, entry.location());
        topLevel.check(entry, warnings);
        String name = topLevel.find(entry.key()).map(KnownKeys.Key::name).orElse(entry.key());
        ConfEntry previous = params.put(KnownKeys.lower(entry.key()), entry);
        if (previous != null) {
            warnings.add(new ConfWarning(entry.location(),
                    name + " 1 specified more than once, latest value used"));
        }
    }

    private void slurmctldHost(ConfEntry entry, String rest) {
        options(rest, KnownKeys.NONE, entry);
        String value = entry.value();
        int open = value.indexOf('(');
        int close = value.indexOf(')');
        if ((open >= 0) != (close >= 0) || (close >= 0 && (close != value.length() - 1 || close != value.lastIndexOf(')')))) {
            throw new SlurmConfException(entry.location(), entry.asWritten(),
                    "Bad value \"" + value + "\" for SlurmctldHost (HOST or HOST(ADDRESS))", null);
        }
        params.putIfAbsent("slurmctldhost", entry);
    }

    /** The Key=Value pairs after a line's first pair, checked against the line's option table. */
    private Map<String, ConfEntry> options(String rest, KnownKeys.Table table, ConfEntry line) {
        Map<String, ConfEntry> options = new LinkedHashMap<>();
        int position = 0;
        Optional<KeyValue> next;
        while ((next = KeyValue.at(rest, position)).isPresent()) {
            KeyValue pair = next.get();
            ConfEntry entry = new ConfEntry(pair.key(), pair.value(), line.location());
            KnownKeys.Key key = table.find(pair.key()).orElseThrow(() -> new SlurmConfException(line.location(),
                    entry.asWritten(), "Parsing error at unrecognized key: " + pair.key() + " (not an option of "
                            + line.key() + " lines)", null));
            check(key, entry);
            if (options.put(KnownKeys.lower(pair.key()), entry) != null) {
                warnings.add(new ConfWarning(line.location(),
                        key.name() + " 1 specified more than once, latest value used"));
            }
            position = pair.end();
        }
        onlyWhiteSpace(rest.substring(position), line.location());
        return options;
    }

    private static void check(KnownKeys.Key key, ConfEntry entry) {
        try {
            ConfValues.check(key.type(), key.name(), entry.value());
        } catch (ConfValues.BadValue bad) {
            throw new SlurmConfException(entry.location(), entry.asWritten(), bad.getMessage(), bad);
        }
    }

    private static void onlyWhiteSpace(String rest, SourceLocation location) {
        if (!ConfText.isBlank(rest)) {
            throw new SlurmConfException(location, trimEnd(rest).strip(), "Parse error: text that is not Key=Value,"
                    + " or a second Key=Value on a line that takes one (only NodeName, PartitionName, NodeSet and"
                    + " DownNodes lines take several)", null);
        }
    }

    private static boolean isInclude(String line) {
        return line.length() > 7 && line.regionMatches(true, 0, "include", 0, 7) && ConfText.isSpace(line.charAt(7));
    }

    private void include(String line, Path including, SourceLocation location) {
        int i = 7;
        while (i < line.length() && ConfText.isSpace(line.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < line.length() && !ConfText.isSpace(line.charAt(i))) {
            i++;
        }
        String written = line.substring(start, i);
        if (written.isEmpty()) {
            throw new SlurmConfException(location, trimEnd(line), "Include needs a file name", null);
        }
        onlyWhiteSpace(line.substring(i), location);
        String name = withClusterName(written, location, line);
        Path parent = including.toAbsolutePath().getParent();
        Path target = parent.resolve(name);
        List<Path> files;
        if (Files.exists(target) || !hasGlob(target.getFileName().toString())) {
            files = List.of(target);
        } else {
            files = glob(target, location, line);
            warnings.add(new ConfWarning(location, "Include " + written + ": slurmctld 22.05 does not expand"
                    + " wildcards (it looks for a file of that very name, retries for 60 s and fails to start);"
                    + " expanded here to " + files.stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.joining(", "))));
        }
        for (Path file : files) {
            includeFile(file, location, line);
        }
    }

    private void includeFile(Path file, SourceLocation location, String line) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SlurmConfException(location, trimEnd(line),
                    "\"Include\" failed: no such file " + file, e);
        } catch (IOException e) {
            throw new SlurmConfException(location, trimEnd(line),
                    "\"Include\" failed: cannot read " + file + ": " + e.getMessage(), e);
        }
        Path identity = identity(file, location, trimEnd(line));
        if (includeStack.contains(identity)) {
            List<Path> chain = new ArrayList<>(includeStack);
            Collections.reverse(chain);
            chain.add(identity);
            throw new SlurmConfException(location, trimEnd(line), "Include cycle: " + chain.stream()
                    .map(Path::toString).collect(Collectors.joining(" -> ")), null);
        }
        includeStack.push(identity);
        files.add(file);
        read(text, file);
        includeStack.pop();
    }

    private List<Path> glob(Path target, SourceLocation location, String line) {
        Path dir = target.getParent();
        if (hasGlob(dir.toString())) {
            throw new SlurmConfException(location, trimEnd(line),
                    "Include: wildcards are supported in the file name only, not in directories", null);
        }
        PathMatcher matcher;
        try {
            matcher = dir.getFileSystem().getPathMatcher("glob:" + target.getFileName());
        } catch (IllegalArgumentException e) {
            throw new SlurmConfException(location, trimEnd(line),
                    "Include: invalid wildcard pattern " + target.getFileName() + ": " + e.getMessage(), e);
        }
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> matcher.matches(p.getFileName()))) {
            stream.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    matches.add(p);
                }
            });
        } catch (IOException e) {
            throw new SlurmConfException(location, trimEnd(line), "\"Include\" failed: cannot list " + dir
                    + ": " + e.getMessage(), e);
        }
        if (matches.isEmpty()) {
            throw new SlurmConfException(location, trimEnd(line), "\"Include\" failed: no file matches " + target,
                    null);
        }
        matches.sort(null);
        return matches;
    }

    private String withClusterName(String name, SourceLocation location, String line) {
        if (!name.contains("%c")) {
            return name;
        }
        ConfEntry cluster = params.get("clustername");
        if (cluster == null) {
            throw new SlurmConfException(location, trimEnd(line),
                    "Did not get ClusterName for include path (%c needs ClusterName set before the Include)", null);
        }
        return name.replace("%c", cluster.value().toLowerCase(Locale.ROOT));
    }

    private static boolean hasGlob(String text) {
        return text.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    /** The file's real path when it exists (else its normalised absolute path), for cycle detection. */
    private static Path identity(Path file, SourceLocation location, String line) {
        if (!Files.exists(file)) {
            return file.toAbsolutePath().normalize();
        }
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new SlurmConfException(location, line, "cannot resolve " + file + ": " + e.getMessage(), e);
        }
    }

    private static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}

package org.elasticslurm.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dependencies between scenarios' packages point one way: no package of the main code depends, directly or
 * through others, on a package that depends on it. Read from the compiled main classes.
 */
class PackageCyclesTest {
    private static final String PREFIX = "org.elasticslurm.scenarios";

    @Test
    void mainPackagesFormNoCycle() throws IOException, URISyntaxException {
        PackageGraph graph = PackageGraph.ofClasses(mainClasses(), PREFIX);
        List<List<String>> cycles = graph.cycles();
        assertThat(cycles)
                .withFailMessage(() -> "scenarios' main packages must depend on each other one way only; found\n"
                        + cycles.stream().map(graph::describe).collect(Collectors.joining()))
                .isEmpty();
    }

    @Test
    void graphOfTheMainClassesSeesTheRunnerUseTheTargetPort() throws IOException, URISyntaxException {
        PackageGraph graph = PackageGraph.ofClasses(mainClasses(), PREFIX);
        assertThat(graph.packages()).contains(PREFIX + ".run", PREFIX + ".target", PREFIX + ".cli",
                PREFIX + ".target.lab", PREFIX + ".target.provisioned");
        assertThat(graph.dependenciesOf(PREFIX + ".run")).contains(PREFIX + ".target", PREFIX + ".model");
        assertThat(graph.dependenciesOf(PREFIX + ".cli")).contains(PREFIX + ".run");
    }

    @Test
    void cycleThroughThreePackagesIsFoundWithTheReferencesThatCloseIt() {
        PackageGraph graph = new PackageGraph()
                .reference("a.Runner", "b.Target")
                .reference("b.Target", "c.Listener")
                .reference("c.Listener", "a.Runner$Step")
                .reference("c.Listener", "d.Model")
                .reference("e.Cli", "a.Runner");
        assertThat(graph.cycles()).containsExactly(List.of("a", "b", "c"));
        assertThat(graph.describe(graph.cycles().get(0)))
                .contains("a -> b  [Runner -> Target]", "b -> c  [Target -> Listener]", "c -> a  [Listener -> Runner]")
                .doesNotContain("-> d", "Model", "Cli");
    }

    @Test
    void packagesThatDependOneWayFormNoCycle() {
        PackageGraph graph = new PackageGraph()
                .reference("cli.Main", "catalog.Catalog")
                .reference("catalog.Catalog", "target.qemu.QemuTarget")
                .reference("target.qemu.QemuTarget", "target.Target")
                .reference("target.qemu.QemuTarget", "target.lab.Lab")
                .reference("target.lab.Lab", "target.Target")
                .reference("target.Target", "target.Target$1");
        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.dependenciesOf("target.qemu")).containsExactly("target", "target.lab");
    }

    @Test
    void classFilesShowReferencesThroughInlinedConstantsAndGenericSignatures(@TempDir Path dir) throws IOException {
        write(dir.resolve("src/p/lab/Lab.java"), """
                package p.lab;

                public final class Lab {
                    public static final String BUILD = "mvn " + p.provisioned.App.PROPERTY;
                }
                """);
        write(dir.resolve("src/p/provisioned/App.java"), """
                package p.provisioned;

                public final class App {
                    public static final String PROPERTY = "root";
                    java.util.List<p.model.Step> steps;
                }
                """);
        write(dir.resolve("src/p/model/Step.java"), "package p.model;\npublic record Step(String name) {\n}\n");
        compile(dir.resolve("src"), dir.resolve("classes"));

        PackageGraph graph = PackageGraph.ofClasses(dir.resolve("classes"), "p");

        assertThat(graph.dependenciesOf("p.lab")).containsExactly("p.provisioned");
        assertThat(graph.dependenciesOf("p.provisioned")).containsExactly("p.model");
        assertThat(graph.cycles()).isEmpty();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("the JDK's compiler").isNotNull();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac " + args).isZero();
    }

    private static Path mainClasses() throws URISyntaxException {
        Path classes = Path.of(ScenarioRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes).as("scenarios' compiled main classes").isDirectory();
        assertThat(Files.isRegularFile(classes.resolve("org/elasticslurm/scenarios/run/ScenarioRunner.class")))
                .as("ScenarioRunner.class under " + classes).isTrue();
        return classes;
    }
}

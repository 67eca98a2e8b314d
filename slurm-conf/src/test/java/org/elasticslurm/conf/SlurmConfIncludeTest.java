package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Include} lines, on real files. */
class SlurmConfIncludeTest {

    @TempDir
    Path dir;

    private final SlurmConfParser parser = new SlurmConfParser();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void relativeIncludeIsReadFromTheIncludingFilesDirectoryAtThatPoint() throws IOException {
        write("nodes.conf", "NodeName=DEFAULT CPUs=4\nNodeName=c[1-2] State=CLOUD\n");
        Path main = write("slurm.conf", "ClusterName=lab\nInclude nodes.conf\nNodeName=c3\n");
        SlurmConf conf = parser.parse(main);
        assertThat(conf.nodes()).extracting(NodeDefinition::name).containsExactly("c1", "c2", "c3");
        assertThat(conf.node("c3").orElseThrow().cpus()).isEqualTo(4);
        assertThat(conf.node("c1").orElseThrow().location())
                .isEqualTo(new SourceLocation(dir.resolve("nodes.conf"), 2));
        assertThat(conf.source()).isEqualTo(main);
    }

    @Test
    void nestedIncludeIsRelativeToTheFileThatIncludesIt() throws IOException {
        write("conf.d/parts.conf", "Include sub/nodes.conf\nPartitionName=p Nodes=ALL\n");
        write("conf.d/sub/nodes.conf", "NodeName=n[1-2]\n");
        Path main = write("slurm.conf", "include conf.d/parts.conf\n");
        SlurmConf conf = parser.parse(main);
        assertThat(conf.partition("p").orElseThrow().nodes()).containsExactly("n1", "n2");
    }

    @Test
    void absoluteIncludePath() throws IOException {
        Path nodes = write("elsewhere/nodes.conf", "NodeName=a1\n");
        SlurmConf conf = parser.parse(write("slurm.conf", "Include " + nodes + "\n"));
        assertThat(conf.nodes()).extracting(NodeDefinition::name).containsExactly("a1");
    }

    @Test
    void wildcardIsExpandedInNameOrderWithAWarningThatSlurmctldWouldNot() throws IOException {
        write("conf.d/20-b.conf", "NodeName=b1\n");
        write("conf.d/10-a.conf", "NodeName=a1\n");
        write("conf.d/readme.txt", "not a conf\n");
        Path main = write("slurm.conf", "ClusterName=lab\nInclude conf.d/*.conf\n");
        SlurmConf conf = parser.parse(main);
        assertThat(conf.nodes()).extracting(NodeDefinition::name).containsExactly("a1", "b1");
        assertThat(conf.warnings()).singleElement().satisfies(w -> {
            assertThat(w.location()).isEqualTo(new SourceLocation(main, 2));
            assertThat(w.message()).contains("does not expand wildcards", "10-a.conf, 20-b.conf");
        });
    }

    @Test
    void wildcardMatchingNothingIsAnError() throws IOException {
        Path main = write("slurm.conf", "Include conf.d/*.conf\n");
        Files.createDirectories(dir.resolve("conf.d"));
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main));
        assertThat(e.location()).isEqualTo(new SourceLocation(main, 1));
        assertThat(e.rule()).contains("no file matches");
    }

    @Test
    void missingIncludeIsAnErrorAtTheIncludeLine() throws IOException {
        Path main = write("slurm.conf", "ClusterName=lab\n\nInclude missing.conf\n");
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main));
        assertThat(e.location()).isEqualTo(new SourceLocation(main, 3));
        assertThat(e.offendingText()).isEqualTo("Include missing.conf");
        assertThat(e.rule()).contains("\"Include\" failed", "missing.conf");
        assertThat(e).hasMessageStartingWith(main + ":3: ");
    }

    @Test
    void errorInsideAnIncludedFileNamesThatFileAndLine() throws IOException {
        Path nodes = write("nodes.conf", "NodeName=n1\nNodeName=n2 CPUs=lots\n");
        Path main = write("slurm.conf", "Include nodes.conf\n");
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main));
        assertThat(e.location()).isEqualTo(new SourceLocation(nodes, 2));
        assertThat(e.offendingText()).isEqualTo("CPUs=lots");
    }

    @Test
    void includeCycleIsAnError() throws IOException {
        write("a.conf", "Include b.conf\n");
        write("b.conf", "NodeName=n1\nInclude a.conf\n");
        Path main = write("slurm.conf", "Include a.conf\n");
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main));
        assertThat(e.location().file()).isEqualTo(dir.resolve("b.conf"));
        assertThat(e.location().line()).isEqualTo(2);
        assertThat(e.rule()).startsWith("Include cycle:").contains("a.conf -> ", "b.conf -> ");
    }

    @Test
    void fileIncludingItselfIsACycle() throws IOException {
        Path main = write("slurm.conf", "Include slurm.conf\n");
        assertThat(catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main)).rule())
                .startsWith("Include cycle:");
    }

    @Test
    void sameFileIncludedTwiceInARowIsNotACycle() throws IOException {
        write("common.conf", "SlurmUser=slurm\n");
        SlurmConf conf = parser.parse(write("slurm.conf", "Include common.conf\nInclude common.conf\n"));
        assertThat(conf.parameter("SlurmUser")).contains("slurm");
    }

    @Test
    void percentCIsTheLowerCaseClusterName() throws IOException {
        write("nodes-lab.conf", "NodeName=n1\n");
        SlurmConf conf = parser.parse(write("slurm.conf", "ClusterName=LAB\nInclude nodes-%c.conf\n"));
        assertThat(conf.nodes()).extracting(NodeDefinition::name).containsExactly("n1");
    }

    @Test
    void percentCWithoutClusterNameIsAnError() throws IOException {
        Path main = write("slurm.conf", "Include nodes-%c.conf\n");
        assertThat(catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main)).rule())
                .contains("ClusterName");
    }

    @Test
    void includeMustStartTheLine() throws IOException {
        write("nodes.conf", "NodeName=n1\n");
        Path main = write("slurm.conf", "  Include nodes.conf\n");
        assertThat(catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main)).rule())
                .contains("Parse error");
    }

    @Test
    void textAfterTheIncludedFileNameIsAnError() throws IOException {
        write("nodes.conf", "NodeName=n1\n");
        Path main = write("slurm.conf", "Include nodes.conf extra\n");
        assertThat(catchThrowableOfType(SlurmConfException.class, () -> parser.parse(main)).offendingText())
                .isEqualTo("extra");
    }

    @Test
    void emptyIncludedFileIsFine() throws IOException {
        write("empty.conf", "");
        assertThat(parser.parse(write("slurm.conf", "Include empty.conf\n")).nodes()).isEmpty();
    }

    @Test
    void textParsedAsAFileResolvesIncludesNextToThatFile() throws IOException {
        write("nodes.conf", "NodeName=n1\n");
        SlurmConf conf = parser.parse("Include nodes.conf\n", dir.resolve("virtual.conf"));
        assertThat(conf.nodes()).extracting(NodeDefinition::name).containsExactly("n1");
    }

    @Test
    void missingMainFileIsAnError() {
        Path missing = dir.resolve("nope.conf");
        SlurmConfException e = catchThrowableOfType(SlurmConfException.class, () -> parser.parse(missing));
        assertThat(e.location().file()).isEqualTo(missing);
        assertThat(e.rule()).contains("cannot read");
    }
}

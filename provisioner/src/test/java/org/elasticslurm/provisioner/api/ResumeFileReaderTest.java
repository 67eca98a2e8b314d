package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The resume files real slurmctld daemons wrote (src/test/resources/resume-files, see its README). */
class ResumeFileReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode recorded(String name) throws IOException {
        try (InputStream in = ResumeFileReaderTest.class.getResourceAsStream("/resume-files/" + name)) {
            assertThat(in).as("test resource resume-files/" + name).isNotNull();
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"22.05", "24.11", "26.05"})
    void theJobOfEachVersionsResumeFileIsRead(String version) throws IOException {
        ResumeFileReader.Reading r = ResumeFileReader.read(recorded("real-" + version + ".json"), 1000);

        assertThat(r.problems()).isEmpty();
        assertThat(r.jobsByNode()).containsExactly(Map.entry("node1", List.of(1L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"22.05", "24.11", "26.05"})
    void everyJobOfEachVersionsMultiJobResumeFileIsRead(String version) throws IOException {
        ResumeFileReader.Reading r = ResumeFileReader.read(recorded("real-" + version + "-multi.json"), 1000);

        assertThat(r.problems()).isEmpty();
        assertThat(r.jobsByNode()).containsExactly(Map.entry("node1", List.of(1L)), Map.entry("node2", List.of(2L)),
                Map.entry("node3", List.of(2L)));
    }

    @Test
    void the2411ShapeFromTheDocumentationIsReadAndItsOtherKeysIgnored() throws IOException {
        JsonNode file = JSON.readTree("{\"jobs\":[{\"job_id\":1,\"nodes_alloc\":\"node[1-2]\",\"nodes_resume\":\"node1\","
                + "\"partition\":\"debug\",\"features\":null,\"oversubscribe\":\"OK\",\"reservation\":null,\"extra\":null,"
                + "\"exclusive\":\"NO\",\"priority\":1}],\"all_nodes_resume\":\"node1\",\"something_new\":[1]}");

        ResumeFileReader.Reading r = ResumeFileReader.read(file, 1000);

        assertThat(r.problems()).isEmpty();
        assertThat(r.jobsByNode()).containsExactly(Map.entry("node1", List.of(1L)));
    }

    @Test
    void partsThatAreNotUnderstoodAreSkippedAndNamedButTheOtherJobsAreKept() throws IOException {
        JsonNode file = JSON.readTree("{\"jobs\":[{\"job_id\":\"x\",\"nodes\":\"node1\"},{\"job_id\":2},"
                + "{\"job_id\":3,\"nodes\":\"node[1-\"},{\"job_id\":4,\"nodes\":\"node[1-5000]\"},"
                + "{\"job_id\":5,\"nodes\":\"node7\"},7]}");

        ResumeFileReader.Reading r = ResumeFileReader.read(file, 1000);

        assertThat(r.jobsByNode()).containsExactly(Map.entry("node7", List.of(5L)));
        assertThat(r.problems()).hasSize(5);
        assertThat(r.problems().get(0)).isEqualTo("resumeFile.jobs[0].job_id: expected a whole number, got a string");
        assertThat(r.problems().get(1)).isEqualTo("resumeFile.jobs[1]: none of nodes_resume, nodes, nodes_alloc holds a hostlist");
        assertThat(r.problems().get(2)).startsWith("resumeFile.jobs[2]: not a valid hostlist \"node[1-\"");
        assertThat(r.problems().get(3)).isEqualTo("resumeFile.jobs[3]: the hostlist names 5000 nodes, more than 1000");
        assertThat(r.problems().get(4)).isEqualTo("resumeFile.jobs[5]: expected an object, got a number");
    }

    @Test
    void aFileOfAnotherShapeIsNamedAndGivesNoJobs() throws IOException {
        assertThat(ResumeFileReader.read(JSON.readTree("[1]"), 10).problems())
                .containsExactly("resumeFile: expected an object, got an array");
        assertThat(ResumeFileReader.read(JSON.readTree("{\"jobs\":{}}"), 10).problems())
                .containsExactly("resumeFile.jobs: expected an array, got an object");
        assertThat(ResumeFileReader.read(null, 10).jobsByNode()).isEmpty();
    }
}

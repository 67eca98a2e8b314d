package org.elasticslurm.provisioner.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedInputsTest {

    private static SeedInputs inputs(String hostname, String instanceId, Map<String, String> extra) {
        return new SeedInputs("test1", hostname, "cloud", instanceId, new byte[] {1}, "", extra);
    }

    @Test
    void hostnameMustBeAValidHostName() {
        assertThatThrownBy(() -> inputs("test_1", "i-1", Map.of()))
                .hasMessageContaining("hostname 'test_1' is not a valid host name");
        assertThatThrownBy(() -> inputs("a\nb", "i-1", Map.of())).hasMessageContaining("is not a valid host name");
        assertThat(inputs("test-1.lab.example", "i-1", Map.of()).hostname()).isEqualTo("test-1.lab.example");
    }

    @Test
    void instanceIdCannotInjectYaml() {
        assertThatThrownBy(() -> inputs("test1", "i-1\nlocal-hostname: evil", Map.of()))
                .hasMessageContaining("instance id");
    }

    @Test
    void extraVariablesMayNotShadowStandardOnesOrSpanLines() {
        assertThatThrownBy(() -> inputs("test1", "i-1", Map.of("node", "x")))
                .hasMessageContaining("'node' shadows a standard variable");
        assertThatThrownBy(() -> inputs("test1", "i-1", Map.of("site", "a\nb")))
                .hasMessageContaining("'site': the value must be a single line");
        assertThatThrownBy(() -> inputs("test1", "i-1", Map.of("Site", "a")))
                .hasMessageContaining("names are lower-case letters");
    }

    @Test
    void metaDataCarriesInstanceIdAndHostname() {
        SeedInputs in = inputs("test1", "i-test1-op7", Map.of());
        NoCloudSeed seed = NoCloudSeed.of(in, UserDataTemplate.parse("t", "#cloud-config\n",
                SeedInputs.knownVariables(java.util.Set.of())), new NetworkConfig.None());

        assertThat(seed.metaData()).isEqualTo("instance-id: i-test1-op7\nlocal-hostname: test1\n");
        assertThat(seed.networkConfig()).isEmpty();
    }
}

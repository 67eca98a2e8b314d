package org.elasticslurm.provisioner.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserDataTemplateTest {
    private static final Set<String> KNOWN = SeedInputs.knownVariables(Set.of("site"));

    @Test
    void rendersKnownVariablesWithOrWithoutSpaces() {
        UserDataTemplate t = UserDataTemplate.parse("t.yaml", "#cloud-config\nhostname: {{hostname}}\n"
                + "# {{ node }} in {{  site  }}\n", KNOWN);

        assertThat(t.variables()).containsExactly("hostname", "node", "site");
        assertThat(t.render(Map.of("hostname", "test1.lab", "node", "test1", "site", "lab")))
                .isEqualTo("#cloud-config\nhostname: test1.lab\n# test1 in lab\n");
    }

    @Test
    void unknownVariableIsRefusedWithItsPositionAndTheKnownNames() {
        assertThatThrownBy(() -> UserDataTemplate.parse("/etc/es/user-data.yaml",
                "#cloud-config\nwrite_files:\n  - content: {{ mungekey }}\n", KNOWN))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("/etc/es/user-data.yaml")
                .hasMessageContaining("line 3, column 14: unknown variable 'mungekey'")
                .hasMessageContaining("known: hostname, instance_id, munge_key_base64, node, pool, site, slurm_conf,"
                        + " slurm_conf_base64");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        TemplateException e = (TemplateException) org.assertj.core.api.Assertions.catchThrowable(() ->
                UserDataTemplate.parse("t", "hostname: {{ x }}\nfoo: {{ Bad-Name }}\nbar: {{ node\n", KNOWN));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems().get(0)).startsWith("line 1: must start with one of [#cloud-config");
        assertThat(e.problems().get(1)).isEqualTo("line 1, column 11: unknown variable 'x' (known: hostname,"
                + " instance_id, munge_key_base64, node, pool, site, slurm_conf, slurm_conf_base64)");
        assertThat(e.problems().get(2)).startsWith("line 2, column 6: '{{ Bad-Name }}' is not a variable reference");
        assertThat(e.problems().get(3)).isEqualTo("line 3, column 6: '{{' without a closing '}}'");
    }

    @Test
    void shellScriptsAreAcceptedUserData() {
        UserDataTemplate t = UserDataTemplate.parse("t", "#!/bin/sh\nhostname {{ hostname }}\n", KNOWN);

        assertThat(t.render(Map.of("hostname", "n1"))).isEqualTo("#!/bin/sh\nhostname n1\n");
    }

    @Test
    void renderingWithoutAValueNamesTheVariable() {
        UserDataTemplate t = UserDataTemplate.parse("t", "#cloud-config\n# {{ site }}\n", KNOWN);

        assertThatThrownBy(() -> t.render(Map.of())).hasMessageContaining("no value for variable 'site'");
    }

    @Test
    void builtInTemplateWritesMungeKeyAndSlurmConfAsBase64() {
        SeedInputs inputs = new SeedInputs("test1", "test1", "cloud", "i-test1-op1", new byte[] {0, 1, 2, (byte) 255},
                "ClusterName=lab\nNodeName=test1 State=CLOUD\n", Map.of());

        String userData = DefaultUserData.template(Set.of()).render(inputs.variables());

        assertThat(userData).startsWith("#cloud-config\n").contains("hostname: test1\n");
        assertThat(userData).contains("content: " + Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}));
        String slurmLine = userData.lines().filter(l -> l.contains("content:")).skip(1).findFirst().orElseThrow();
        String slurmConf = new String(Base64.getDecoder().decode(slurmLine.substring(slurmLine.indexOf(':') + 2)),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(slurmConf).isEqualTo("ClusterName=lab\nNodeName=test1 State=CLOUD\n");
    }
}

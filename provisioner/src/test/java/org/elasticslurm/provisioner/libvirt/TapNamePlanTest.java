package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TapNamePlanTest {

    @Test
    void aTapNameIsThePrefixAndHexOfSha256OfPoolSlashNodeFilledToFifteenCharacters() {
        // printf 'cloud/test1' | sha256sum -> e8c561c21066...; printf 'cloud/test1#1' | sha256sum -> 69e88e486071...
        assertThat(TapNamePlan.candidate("esl", "cloud", "test1", 0)).isEqualTo("esle8c561c21066");
        assertThat(TapNamePlan.candidate("esl", "cloud", "test1", 1)).isEqualTo("esl69e88e486071");
        assertThat(TapNamePlan.candidate("labtap", "cloud", "test1", 0)).isEqualTo("labtape8c561c21");
    }

    @Test
    void everyNodeGetsADistinctStableName() {
        List<String> nodes = IntStream.rangeClosed(1, 2000).mapToObj(i -> "test" + i).toList();
        List<TapNamePlan.PoolNodes> pools = List.of(new TapNamePlan.PoolNodes("cloud", "esl", nodes),
                new TapNamePlan.PoolNodes("gpu", "esl", List.of("gpu1")));

        TapNamePlan plan = TapNamePlan.assign(pools);

        assertThat(new HashSet<>(plan.all().values())).hasSize(2001);
        assertThat(plan.all().values()).allMatch(t -> t.length() <= 15 && t.startsWith("esl"));
        assertThat(TapNamePlan.assign(List.of(pools.get(1), pools.get(0))).all()).isEqualTo(plan.all());
        assertThatThrownBy(() -> plan.tapOf("test0")).hasMessageContaining("node test0 is in no pool");
    }

    @Test
    void badPrefixesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> TapNamePlan.requirePrefix("Esl")).hasMessageContaining("lower-case letter");
        assertThatThrownBy(() -> TapNamePlan.requirePrefix("toolongpre")).hasMessageContaining("at most 9");
        assertThatThrownBy(() -> TapNamePlan.requirePrefix("vnet")).hasMessageContaining("libvirt reserves");
        assertThatThrownBy(() -> TapNamePlan.requirePrefix("")).hasMessageContaining("tap-prefix ''");
    }

    @Test
    void anAttachCommandNeedsAnAbsoluteProgramAndKnownPlaceholders() {
        assertThatThrownBy(() -> new AttachCommand(List.of("netlab.sh", "{tap}"), Duration.ofSeconds(1)))
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> new AttachCommand(List.of("/bin/x", "{tap}", "{address}", "{bridge}"),
                Duration.ofSeconds(1))).hasMessageContaining("unknown placeholders [{address}, {bridge}]");
        assertThat(new AttachCommand(List.of("/ci/netlab.sh", "adopt-tap", "{tap}", "{node}-{mac}"),
                Duration.ofSeconds(1)).render("esl1", "test1", "vm-test1", "52:54:00:00:00:01", "cloud"))
                .containsExactly("/ci/netlab.sh", "adopt-tap", "esl1", "test1-52:54:00:00:00:01");
    }
}

package org.elasticslurm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;

class RequirementTest {

    @Test
    void aMissingComponentSkipsTheTestWithItsReasonOutsideCi() {
        assertThatThrownBy(() -> Requirement.require(false, "needs dpkg-deb", false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("needs dpkg-deb");
    }

    @Test
    void aMissingComponentFailsTheTestUnderCi() {
        assertThatThrownBy(() -> Requirement.require(false, "needs dpkg-deb", true))
                .isInstanceOf(AssertionError.class).hasMessage("CI=true, but the test cannot run: needs dpkg-deb");
    }

    @Test
    void aPresentComponentLetsTheTestRunInAndOutsideCi() {
        assertThatCode(() -> Requirement.require(true, "needs dpkg-deb", true)).doesNotThrowAnyException();
        assertThatCode(() -> Requirement.require(true, "needs dpkg-deb", false)).doesNotThrowAnyException();
    }

    @Test
    void aConditionWithNothingMissingEnablesTheTestWithWhatIsPresentInAndOutsideCi() {
        for (Map<String, String> env : java.util.List.of(Map.of("CI", "true"), Map.<String, String>of())) {
            ConditionEvaluationResult result = Requirement.evaluate("chromium is installed", Optional.empty(), env);
            assertThat(result.isDisabled()).isFalse();
            assertThat(result.getReason()).contains("chromium is installed");
        }
    }

    @Test
    void aConditionMissingAComponentDisablesTheTestWithTheSkipReasonOutsideCi() {
        Missing missing = Missing.of("chromium is not installed (apt-get install chromium)",
                "chromium is missing: run ci/install-packages.sh");
        ConditionEvaluationResult result = Requirement.evaluate("present", Optional.of(missing),
                Map.of("CI", "false", "PATH", "/usr/bin"));
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).contains("chromium is not installed (apt-get install chromium)");
    }

    @Test
    void aConditionMissingAComponentFailsUnderCiNamingTheComponentAndWhatToRun() {
        Missing missing = Missing.of("chromium is not installed (apt-get install chromium)",
                "chromium is missing: run ci/install-packages.sh");
        assertThatThrownBy(() -> Requirement.evaluate("present", Optional.of(missing), Map.of("CI", "true")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CI=true but chromium is missing: run ci/install-packages.sh");
    }

    @Test
    void ciIsRecognisedInAnyCaseAndTheCheckFailureIsKeptAsTheCause() {
        UnsatisfiedLinkError caught = new UnsatisfiedLinkError("libvirt.so.0: cannot open");
        Missing missing = Missing.of("libvirt0 is not installed").causedBy(caught);
        assertThatThrownBy(() -> Requirement.evaluate("present", Optional.of(missing), Map.of("CI", "TRUE")))
                .isInstanceOf(IllegalStateException.class).hasMessage("CI=true but libvirt0 is not installed")
                .hasCause(caught);
    }
}

package org.elasticslurm.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
}

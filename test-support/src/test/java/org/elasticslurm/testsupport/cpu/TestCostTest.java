package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCostTest {

    @CpuCost(2)
    static class Costed {
        void inherits() {
        }

        @CpuCost(1)
        void overrides() {
        }

        @CpuCost(0)
        void notCpuBound() {
        }

        class Inner {
            void inheritsFromTheEnclosingClass() {
            }
        }

        @CpuCost(0)
        class InnerNotCpuBound {
            void inheritsTheInnerClass() {
            }
        }
    }

    static class SubclassOfCosted extends Costed {
    }

    static class Free {
        void free() {
        }

        @CpuCost(-1)
        void negative() {
        }
    }

    @Test
    void aMethodWithoutACostTakesItsClassCost() {
        assertThat(cost(Costed.class, "inherits")).isEqualTo(2);
    }

    @Test
    void aMethodCostOverridesTheClassCostEvenWhenZero() {
        assertThat(cost(Costed.class, "overrides")).isEqualTo(1);
        assertThat(cost(Costed.class, "notCpuBound")).isZero();
    }

    @Test
    void aNestedClassTakesTheCostOfTheClassEnclosingIt() {
        assertThat(cost(Costed.Inner.class, "inheritsFromTheEnclosingClass")).isEqualTo(2);
    }

    @Test
    void anExplicitZeroOnANestedClassOverridesTheEnclosingClass() {
        assertThat(cost(Costed.InnerNotCpuBound.class, "inheritsTheInnerClass")).isZero();
    }

    @Test
    void aSubclassRunningAnInheritedMethodTakesTheCostOfItsSuperclass() {
        assertThat(TestCost.of(Optional.of(method(Costed.class, "inherits")), Optional.of(SubclassOfCosted.class)))
                .isEqualTo(2);
    }

    @Test
    void aTestWithoutAnyCostTakesNoSlot() {
        assertThat(cost(Free.class, "free")).isZero();
    }

    @Test
    void aNegativeCostIsRefusedNamingTheTestAndTheRule() {
        assertThatThrownBy(() -> cost(Free.class, "negative"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("TestCostTest$Free#negative: a test holds 0 or more CPU slots")
                .hasMessageStartingWith("@CpuCost(-1) on ");
    }

    private static int cost(Class<?> testClass, String method) {
        return TestCost.of(Optional.of(method(testClass, method)), Optional.of(testClass));
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}

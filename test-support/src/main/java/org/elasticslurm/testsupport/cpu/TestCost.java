package org.elasticslurm.testsupport.cpu;

import java.lang.reflect.Method;
import java.util.Optional;

/** The {@link CpuCost} of a test method: the method's, else its class's, else that of the classes enclosing it. */
final class TestCost {

    private TestCost() {
    }

    /** The cost of {@code method} run in {@code testClass} (a {@code @Nested} class or a subclass may run it). */
    static int of(Optional<Method> method, Optional<Class<?>> testClass) {
        CpuCost cost = method.map(m -> m.getAnnotation(CpuCost.class)).orElse(null);
        for (Class<?> c = testClass.orElse(null); cost == null && c != null; c = c.getEnclosingClass()) {
            cost = c.getAnnotation(CpuCost.class);
        }
        if (cost == null) {
            return 0;
        }
        if (cost.value() < 0) {
            throw new IllegalArgumentException("@CpuCost(" + cost.value() + ") on " + where(method, testClass)
                    + ": a test holds 0 or more CPU slots");
        }
        return cost.value();
    }

    private static String where(Optional<Method> method, Optional<Class<?>> testClass) {
        return method.map(m -> m.getDeclaringClass().getName() + "#" + m.getName())
                .orElseGet(() -> testClass.map(Class::getName).orElse("?"));
    }
}

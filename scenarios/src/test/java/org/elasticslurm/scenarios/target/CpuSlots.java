package org.elasticslurm.scenarios.target;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The CPU budget of the module's concurrently running ITs: {@value #PROPERTY} slots (default 2, one per core of
 * the CI machine) shared by every test of the JVM. A test marked {@link CpuCost} takes its slots before its body
 * runs and gives them back after, waiting (in order of arrival) while they are taken; a test without a cost takes
 * none. So CPU-bound runs (a TCG guest boot under deadlines that assume a core of its own) never share the cores
 * with more CPU-bound runs than the budget allows, while sleeping labs proceed beside them.
 */
public final class CpuSlots implements InvocationInterceptor {

    /** System property: the number of CPU slots (default 2). */
    public static final String PROPERTY = "scenarios.it.cpu-slots";

    private static final int SLOTS = slots(System.getProperty(PROPERTY, ""));
    private static final Semaphore FREE = new Semaphore(SLOTS, true);

    /** The slots a property value gives: a positive number, 2 when blank. */
    static int slots(String value) {
        if (value.isBlank()) {
            return 2;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a number of CPU slots >= 1");
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        holding(context, invocation);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        holding(context, invocation);
    }

    private static void holding(ExtensionContext context, Invocation<Void> invocation) throws Throwable {
        int cost = Math.min(SLOTS, costOf(context));
        FREE.acquire(cost);
        try {
            invocation.proceed();
        } finally {
            FREE.release(cost);
        }
    }

    private static int costOf(ExtensionContext context) {
        Optional<CpuCost> onMethod = context.getTestMethod().map(m -> m.getAnnotation(CpuCost.class));
        return onMethod.or(() -> context.getTestClass().map(c -> c.getAnnotation(CpuCost.class)))
                .map(CpuCost::value).orElse(0);
    }
}

package org.elasticslurm.testsupport.cpu;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The machine's CPU budget for concurrently running tests, registered by {@link CpuCost}: a test marked
 * {@code @CpuCost(k)} takes k of the machine's slots ({@link MachineSlots}, set by {@link SlotSettings}) before its
 * body runs and gives them back after, waiting while they are taken; so do its {@code @BeforeEach} methods and the
 * class's {@code @BeforeAll} methods, each on its own; a test without a cost takes none. The slots
 * are shared by every JVM of the machine, so CPU-bound runs (a TCG guest boot under deadlines that assume a core of
 * its own) never share the cores with more CPU-bound runs than the budget allows, whichever module's tests they
 * are, while sleeping labs proceed beside them.
 */
public final class CpuSlots implements InvocationInterceptor {

    /** Created on first use: a JVM without a costed test never reads the properties or touches the directory. */
    private static final class Shared {
        static final MachineSlots SLOTS = MachineSlots.open(SlotSettings.fromSystemProperties());
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

    /** A class's set-up (a service started, a guest booted for every test) holds the class's cost while it runs. */
    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        holding(context, invocation);
    }

    /** A test's set-up holds the test's cost while it runs (given back before the test takes it again). */
    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        holding(context, invocation);
    }

    /** Each dynamic test of a {@code @TestFactory} holds the factory's cost while it runs. */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
                                     ExtensionContext context) throws Throwable {
        holding(context, invocation);
    }

    private static void holding(ExtensionContext context, Invocation<Void> invocation) throws Throwable {
        ExtensionContext test = testOrFactoryContext(context);
        int cost = TestCost.of(test.getTestMethod(), test.getTestClass());
        if (cost == 0) {
            invocation.proceed();
            return;
        }
        try (MachineSlots.Held held = Shared.SLOTS.acquire(cost)) {
            invocation.proceed();
        }
    }

    /** The context of the test method, or of the {@code @TestFactory} a dynamic test came from. */
    private static ExtensionContext testOrFactoryContext(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            if (c.get().getTestMethod().isPresent()) {
                return c.get();
            }
        }
        return context;
    }
}

package org.elasticslurm.testsupport.cpu;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
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
 * are, while sleeping labs proceed beside them. A test whose CPU-bound part ends before the test does gives back its
 * slots then ({@link #held()}, {@link HeldSlots#lowerTo}). With {@value SlotUsageLog#FILE} set, each holding is
 * logged ({@link SlotUsageLog}): how long the test waited for its slots and how long it held them.
 */
public final class CpuSlots implements InvocationInterceptor {

    /** Created on first use: a JVM without a costed test never reads the properties or touches the directory. */
    private static final class Shared {
        static final MachineSlots SLOTS = MachineSlots.open(SlotSettings.fromSystemProperties());
        static final SlotUsageLog LOG = SlotUsageLog.fromSystemProperties();
        static final Clock CLOCK = Clock.systemUTC();
    }

    /** The holding of the test or set-up running on this thread. */
    private static final ThreadLocal<HeldSlots> CURRENT = new ThreadLocal<>();

    /**
     * The slots the costed test (or set-up) running on this thread holds, to give back some of them before it ends
     * ({@link HeldSlots#lowerTo}, from any thread); a holding of nothing when it takes no slot. Call it on the
     * test's own thread.
     */
    public static HeldSlots held() {
        HeldSlots held = CURRENT.get();
        return held == null ? HeldSlots.none() : held;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        holding(context, invocation, name(call));
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        holding(context, invocation, name(call) + " " + context.getDisplayName());
    }

    /**
     * A class's set-up (a service started, a guest booted for every test) holds the class's cost while it runs, or
     * its own when it is marked {@code @CpuCost}.
     */
    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        holding(context, invocation, name(call) + " @BeforeAll", Optional.of(call.getExecutable()));
    }

    /**
     * A test's set-up holds the test's cost while it runs (given back before the test takes it again), or its own
     * when it is marked {@code @CpuCost}.
     */
    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        holding(context, invocation, name(call) + " @BeforeEach of " + context.getDisplayName(),
                Optional.of(call.getExecutable()));
    }

    /** Each dynamic test of a {@code @TestFactory} holds the factory's cost while it runs. */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
                                     ExtensionContext context) throws Throwable {
        ExtensionContext factory = testOrFactoryContext(context);
        holding(context, invocation, factory.getRequiredTestClass().getName() + "#"
                + factory.getTestMethod().map(Method::getName).orElse("?") + " " + context.getDisplayName());
    }

    /** {@code Class#method} of a test or set-up method. */
    private static String name(ReflectiveInvocationContext<Method> call) {
        return call.getTargetClass().getName() + "#" + call.getExecutable().getName();
    }

    private static void holding(ExtensionContext context, Invocation<Void> invocation, String what)
            throws Throwable {
        holding(context, invocation, what, Optional.empty());
    }

    /**
     * Holds the cost of the test (or factory) {@code context} belongs to while {@code invocation} runs; a set-up
     * method marked {@code @CpuCost} itself holds its own cost instead ({@code @CpuCost(0)}: a cheap set-up of a
     * costly test waits for no slot).
     */
    private static void holding(ExtensionContext context, Invocation<Void> invocation, String what,
                                Optional<Method> setUp) throws Throwable {
        ExtensionContext test = testOrFactoryContext(context);
        int cost = setUp.filter(m -> m.isAnnotationPresent(CpuCost.class)).isPresent()
                ? TestCost.of(setUp, Optional.empty())
                : TestCost.of(test.getTestMethod(), test.getTestClass());
        if (cost == 0) {
            invocation.proceed();
            return;
        }
        Instant asked = Shared.CLOCK.instant();
        HeldSlots held = new HeldSlots(Shared.SLOTS.acquire(cost), Shared.LOG, Shared.CLOCK, asked,
                Shared.CLOCK.instant(), what);
        HeldSlots outer = CURRENT.get();
        CURRENT.set(held);
        try {
            invocation.proceed();
        } finally {
            CURRENT.set(outer);
            held.end();
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

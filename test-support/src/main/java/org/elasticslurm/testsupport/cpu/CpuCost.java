package org.elasticslurm.testsupport.cpu;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How many of the machine's CPU slots ({@link CpuSlots}) a test holds while it runs, when ITs run concurrently, in
 * one JVM or in several. What counts is what burns CPU: a TCG guest booting, a JVM starting (the provisioner,
 * fake-slurmctld's drop-ins, {@code elastic-lab}); a lab whose daemons mostly sleep (Debian's slurmctld and slurmd)
 * costs 0 and runs beside the others. On a method it overrides the class's; on a class it covers the class's
 * {@code @Nested} classes and subclasses. {@code @CpuCost(0)} says a test was judged not CPU-bound. On a
 * {@code @BeforeEach} or {@code @BeforeAll} method it is what that set-up holds, instead of its test's or class's
 * cost: {@code @CpuCost(0)} on a set-up that only looks around lets it run without waiting for slots.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(CpuSlots.class)
public @interface CpuCost {

    /** Slots the test holds, >= 0; more than there are means all of them (the test runs alone among costed tests). */
    int value();
}

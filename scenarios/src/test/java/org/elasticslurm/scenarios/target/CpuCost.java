package org.elasticslurm.scenarios.target;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How many of the machine's CPU slots ({@link CpuSlots}) a test holds while it runs, when the module's ITs run
 * concurrently. What counts is what burns CPU: a TCG guest booting, a JVM starting (the provisioner, fake-slurmctld's
 * drop-ins, {@code elastic-lab}); a lab whose daemons mostly sleep (Debian's slurmctld and slurmd) costs 0 and runs
 * beside the others, bounded only by the number of test threads.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(CpuSlots.class)
public @interface CpuCost {

    /** Slots the test holds; more than there are means all of them (the test runs alone among costed tests). */
    int value();
}

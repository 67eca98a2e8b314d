package org.elasticslurm.scenarios.model;

/** A value written as a fixed word in scenario files ({@code fake-realtime}, {@code create-fails}). */
public interface Keyword {
    /** The word as written in scenario files. */
    String keyword();
}

package org.elasticslurm.lab.scenario;

/** A scenario file is malformed; the message names {@code file:line} and the rule. */
public class ScenarioException extends RuntimeException {

    public ScenarioException(String message) {
        super(message);
    }
}

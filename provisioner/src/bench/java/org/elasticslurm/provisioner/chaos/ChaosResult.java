package org.elasticslurm.provisioner.chaos;

/**
 * The counts of a chaos run, printed as its last line. {@code refused} counts the refusals the service promises
 * (503 with a JSON {@code error} body, e.g. while its operation log cannot be written); they are not failures.
 * {@code http5xx} counts every other 5xx answer.
 */
record ChaosResult(int nodes, int kills, int faults, int refused, int leaked, int duplicates, int lost, int http5xx, int stuck) {

    /** The result of a run that could not start: everything counted as stuck. */
    static ChaosResult unrun(int nodes) {
        return new ChaosResult(nodes, 0, 0, 0, 0, 0, 0, 0, nodes);
    }

    /** Whether nothing was leaked, doubled, lost, answered with 5xx or left stuck. */
    boolean clean() {
        return leaked == 0 && duplicates == 0 && lost == 0 && http5xx == 0 && stuck == 0;
    }

    String line() {
        return String.format("chaos: nodes=%d kills=%d faults=%d refused=%d leaked=%d duplicates=%d lost=%d http5xx=%d"
                + " stuck=%d", nodes, kills, faults, refused, leaked, duplicates, lost, http5xx, stuck);
    }
}

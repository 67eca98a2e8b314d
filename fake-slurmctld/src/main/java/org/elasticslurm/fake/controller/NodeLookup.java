package org.elasticslurm.fake.controller;

/** The answer to {@code scontrol show node NAME}. */
public sealed interface NodeLookup {

    /** The node is shown. */
    record Visible(NodeView node) implements NodeLookup {
    }

    /** The node exists but 22.05 hides it (scontrol prints "Node NAME not found"). */
    record Hidden(String name) implements NodeLookup {
    }

    /** No such node ("Node NAME not found"). */
    record NotFound(String name) implements NodeLookup {
    }
}

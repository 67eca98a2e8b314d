package org.elasticslurm.fake.controller;

/** Where the controller's log lines go (a file in server mode, a list in tests). */
@FunctionalInterface
public interface LogSink {
    /** Receives one line; called on the controller thread. */
    void accept(LogRecord record);
}

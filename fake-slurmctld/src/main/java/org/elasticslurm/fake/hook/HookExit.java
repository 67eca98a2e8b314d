package org.elasticslurm.fake.hook;

/** How a power-save program ended (what {@code waitpid} reported). */
public sealed interface HookExit {

    /** It called exit (or returned from main) with this status. */
    record Exited(int status) implements HookExit {
    }

    /** A signal killed it. */
    record Signaled(int signal) implements HookExit {
        /** The signal's description as strsignal(3) gives it on glibc ("Killed", "Terminated" ...). */
        public String description() {
            return Signals.describe(signal);
        }
    }

    /** Exit status 0. */
    static HookExit success() {
        return new Exited(0);
    }
}

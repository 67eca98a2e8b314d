package org.elasticslurm.fake.hook;

/** Signal descriptions as glibc's strsignal(3) prints them. */
final class Signals {

    private static final String[] DESCRIPTIONS = {
        null, "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap", "Aborted",
        "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
        "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
        "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
        "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
        "Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call",
    };
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private Signals() {
    }

    static String describe(int signal) {
        if (signal > 0 && signal < DESCRIPTIONS.length) {
            return DESCRIPTIONS[signal];
        }
        if (signal >= SIGRTMIN && signal <= SIGRTMAX) {
            return "Real-time signal " + (signal - SIGRTMIN);
        }
        return "Unknown signal " + signal;
    }
}

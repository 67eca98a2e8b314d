package org.elasticslurm.conf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * slurmctld 22.05's checks of its hook programs (power_save.c {@code _valid_prog}) and of whether power saving
 * is enabled at all ({@code _init_power_config}), in the real order and with the real messages. 24.11 words them
 * alike; {@link #forVersion 26.05} words a missing program and the verdict differently (measured: differential
 * scenarios hook-644, hook-missing, hook-775, hook-relative, {@code .real-26.05.trace}).
 *
 * <p>The checks run against this machine's file system as the user running this JVM; slurmctld runs them as
 * SlurmUser. As in the daemon, only the program file itself is checked: not its owner, not its directories.
 * Rules made {@link #under(Path) under a root} look for an absolute program {@code /usr/bin/x} at
 * {@code ROOT/usr/bin/x} (a staged copy of the controller's files) and word their messages with the path as
 * slurm.conf writes it.
 */
public final class HookProgramRules {

    private static final String ERROR = "error: ";
    private static final String DEBUG = "debug:  ";

    private final Optional<Path> root;
    private final Wording wording;

    /** Rules that check programs where slurm.conf says they are, on this machine, worded as 22.05 does. */
    public HookProgramRules() {
        this(Optional.empty(), Wording.POWER_SAVE_MODULE);
    }

    private HookProgramRules(Optional<Path> root, Wording wording) {
        this.root = root;
        this.wording = wording;
    }

    /** Rules that check an absolute program {@code /p} at {@code root/p}. */
    public static HookProgramRules under(Path root) {
        return new HookProgramRules(Optional.of(root), Wording.POWER_SAVE_MODULE);
    }

    /**
     * These rules with the messages of {@code version}: 22.05 and 24.11 "power_save program X not executable"
     * (a missing program included), then "power_save module disabled, invalid ResumeProgram X"; 26.05
     * "power_save program X not found" for a missing program, "power_save program X is not executable", then
     * "Invalid ResumeProgram PowerAction __resumeprog__ (X)", "debug:  power: No valid ResumeProgram" and
     * "power: automatic power save mode disabled".
     */
    public HookProgramRules forVersion(SlurmVersion version) {
        return new HookProgramRules(root, version == SlurmVersion.V26_05 ? Wording.POWER_ACTION
                : Wording.POWER_SAVE_MODULE);
    }

    /** How a version words the checks: 22.05/24.11's power_save module or 26.05's power actions. */
    private enum Wording {
        POWER_SAVE_MODULE, POWER_ACTION
    }

    /**
     * The file checked for a program: {@code ROOT/p} for an absolute {@code /p} under a root, else the path as
     * written.
     *
     * @throws java.nio.file.InvalidPathException when the text is no path on this machine
     */
    public Path fileOf(String program) {
        Path written = Path.of(program);
        if (root.isEmpty() || !written.isAbsolute()) {
            return written;
        }
        return root.get().resolve(written.getRoot().relativize(written));
    }

    /**
     * The validity problem of one program path, as the real daemon words it (without the {@code error: }
     * prefix), or empty when it is valid. First failure wins, in this order:
     * <ol>
     *   <li>not starting with {@code /}: {@code power_save program %s not absolute pathname}</li>
     *   <li>{@code access(X_OK)} fails, a missing file included: {@code power_save program %s not executable}</li>
     *   <li>{@code stat} fails: {@code power_save program %s not found}</li>
     *   <li>group or world writable ({@code mode & 022}):
     *       {@code power_save program %s has group or world write permission}</li>
     * </ol>
     */
    public Optional<String> problem(String program) {
        if (!program.startsWith("/")) {
            return Optional.of("power_save program " + program + " not absolute pathname");
        }
        Path path;
        try {
            path = fileOf(program);
        } catch (InvalidPathException e) {
            return Optional.of("power_save program " + program + " not executable");
        }
        if (wording == Wording.POWER_ACTION && !Files.exists(path)) {
            return Optional.of("power_save program " + program + " not found");
        }
        if (!Files.isExecutable(path)) {
            return Optional.of("power_save program " + program
                    + (wording == Wording.POWER_ACTION ? " is not executable" : " not executable"));
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.readAttributes(path, PosixFileAttributes.class).permissions();
        } catch (IOException e) {
            return Optional.of("power_save program " + program + " not found");
        }
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return Optional.of("power_save program " + program + " has group or world write permission");
        }
        return Optional.empty();
    }

    /**
     * The verdict for a whole configuration, checking the programs on this machine's file system. The checks,
     * in order, each of which disables power saving:
     * <ol>
     *   <li>SuspendTime INFINITE globally and in every partition:
     *       {@code debug:  power_save module disabled, SuspendTime < 0}</li>
     *   <li>no SuspendProgram: {@code error: power_save module disabled, NULL SuspendProgram}</li>
     *   <li>invalid SuspendProgram: its {@link #problem} line, then
     *       {@code error: power_save module disabled, invalid SuspendProgram %s}</li>
     *   <li>no ResumeProgram: {@code error: power_save module disabled, NULL ResumeProgram}</li>
     *   <li>invalid ResumeProgram: its problem line, then
     *       {@code error: power_save module disabled, invalid ResumeProgram %s}</li>
     * </ol>
     * When all pass, an invalid ResumeFailProgram only logs its problem line and is dropped; power saving stays
     * on. (The daemon's SuspendRate/ResumeRate {@code < 0} checks cannot fail: the parser refuses negative rates.)
     */
    public PowerSaveVerdict verdict(SlurmConf conf) {
        PowerSaveSettings settings = conf.powerSave();
        List<String> log = new ArrayList<>();
        if (!conf.suspendTimeSetAnywhere()) {
            log.add(DEBUG + "power_save module disabled, SuspendTime < 0");
            return new PowerSaveVerdict(false, Optional.empty(), log);
        }
        if (!programValid("SuspendProgram", settings.suspendProgram(), log)
                || !programValid("ResumeProgram", settings.resumeProgram(), log)) {
            return new PowerSaveVerdict(false, Optional.empty(), log);
        }
        Optional<String> resumeFail = settings.resumeFailProgram().filter(program -> {
            Optional<String> problem = problem(program);
            problem.ifPresent(p -> log.add(ERROR + p));
            return problem.isEmpty();
        });
        return new PowerSaveVerdict(true, resumeFail, log);
    }

    private boolean programValid(String key, Optional<String> program, List<String> log) {
        if (program.isEmpty()) {
            log.add(ERROR + "power_save module disabled, NULL " + key);
            return false;
        }
        Optional<String> problem = problem(program.get());
        if (problem.isPresent()) {
            log.add(ERROR + problem.get());
            log.addAll(disabledLines(key, program.get()));
            return false;
        }
        return true;
    }

    /**
     * The lines the daemon logs, after the program's {@link #problem}, when an invalid SuspendProgram or
     * ResumeProgram turns power saving off, with their level prefixes: 22.05 and 24.11
     * {@code error: power_save module disabled, invalid ResumeProgram X}; 26.05
     * {@code error: Invalid ResumeProgram PowerAction __resumeprog__ (X)}, {@code debug:  power: No valid
     * ResumeProgram}, {@code power: automatic power save mode disabled}.
     *
     * @param key {@code SuspendProgram} or {@code ResumeProgram}
     */
    public List<String> disabledLines(String key, String program) {
        if (wording == Wording.POWER_ACTION) {
            return List.of(ERROR + "Invalid " + key + " PowerAction " + powerAction(key) + " (" + program + ")",
                    DEBUG + "power: No valid " + key, "power: automatic power save mode disabled");
        }
        return List.of(ERROR + "power_save module disabled, invalid " + key + " " + program);
    }

    /** 26.05's name of the action a program performs ({@code __suspendprog__} assumed by analogy, not recorded). */
    private static String powerAction(String key) {
        return key.equals("ResumeProgram") ? "__resumeprog__" : "__suspendprog__";
    }
}

package org.elasticslurm.scenarios.target.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.process.ProcStat;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * Finds {@code <defunct>} (zombie) processes whose parent is one of a lab's processes, by reading
 * {@code /proc/PID/stat} (through slurm-lab's {@link ProcStat}). A hook that has just exited is a zombie of slurmctld
 * until slurmctld reaps it a moment later: children of slurmctld itself are not counted.
 */
public final class DefunctProcesses {

    private final Path proc;

    /** @param proc the proc file system ({@code /proc}) */
    public DefunctProcesses(Path proc) {
        this.proc = proc;
    }

    /** {@code pid command} of every zombie whose parent is in {@code parents}. */
    public List<String> childrenOf(Collection<Long> parents) {
        List<ProcStat> all;
        try {
            all = ProcStat.all(proc);
        } catch (LabException e) {
            throw new TargetException("cannot list " + proc + " to look for defunct processes", e);
        }
        List<String> out = new ArrayList<>();
        for (ProcStat p : all) {
            if (p.state() == 'Z' && parents.contains(p.parentPid()) && !isSlurmctld(p.parentPid())) {
                out.add(p.pid() + " " + p.command() + " <defunct>");
            }
        }
        return out;
    }

    private boolean isSlurmctld(long pid) {
        try {
            Path exe = Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("exe"));
            // Debian installs it as slurmctld-wlm behind an alternatives link
            return exe.getFileName() != null && exe.getFileName().toString().startsWith("slurmctld");
        } catch (IOException e) {
            return false; // ended meanwhile, or not ours to read
        }
    }
}

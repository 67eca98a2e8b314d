package org.elasticslurm.fake.cli;

import java.util.OptionalLong;
import org.elasticslurm.fake.wire.JobInfo;

/** {@code scontrol show job}: 22.05's record layout for the fields this model has. */
final class JobFormatter {

    /** The priority 22.05 gives job 1 (4294901759), one less for each later job. */
    private static final long FIRST_PRIORITY = 4294901760L;

    private final SlurmTimes times;

    JobFormatter(SlurmTimes times) {
        this.times = times;
    }

    /** One job's record, ending with a blank line; {@code now} is the controller's time. */
    String format(JobInfo j, long now, boolean oneLiner) {
        String end = oneLiner ? " " : "\n   ";
        boolean pending = j.isPending();
        boolean started = j.startTime().isPresent() && !pending;
        StringBuilder out = new StringBuilder();
        out.append("JobId=").append(j.id()).append(" JobName=").append(j.name()).append(end);
        out.append("UserId=").append(j.user()).append('(').append(j.uid()).append(") GroupId=").append(j.group())
                .append('(').append(j.gid()).append(") MCS_label=N/A").append(end);
        out.append("Priority=").append(FIRST_PRIORITY - j.id()).append(" Nice=0 Account=(null) QOS=(null)")
                .append(end);
        out.append("JobState=").append(j.state()).append(" Reason=").append(j.reason())
                .append(" Dependency=(null)").append(end);
        out.append("Requeue=").append(j.requeue() || !j.batch() ? 1 : 0).append(" Restarts=").append(j.restarts())
                .append(" BatchFlag=").append(j.batch() ? 1 : 0).append(" Reboot=0 ExitCode=")
                .append(j.exitCode().orElse(0)).append(":0").append(end);
        long runTime = 0;
        if (started) {
            long stop = j.endTime().orElse(now);
            runTime = stop - j.startTime().getAsLong();
        }
        out.append("RunTime=").append(SlurmTimes.runTime(runTime)).append(" TimeLimit=UNLIMITED TimeMin=N/A")
                .append(end);
        out.append("SubmitTime=").append(times.timestamp(OptionalLong.of(j.submitTime()))).append(" EligibleTime=")
                .append(times.timestamp(OptionalLong.of(j.eligibleTime()))).append(end);
        out.append("AccrueTime=").append(j.batch() && started ? times.timestamp(OptionalLong.of(j.submitTime()))
                : "Unknown").append(end);
        out.append("StartTime=").append(started ? times.timestamp(j.startTime()) : "Unknown").append(" EndTime=")
                .append(times.timestamp(j.endTime())).append(" Deadline=N/A").append(end);
        out.append("SuspendTime=None SecsPreSuspend=0 LastSchedEval=")
                .append(times.timestamp(OptionalLong.of(j.submitTime()))).append(" Scheduler=Main").append(end);
        out.append("Partition=").append(j.partition()).append(" AllocNode:Sid=").append(j.allocNode()).append(':')
                .append(j.sid()).append(end);
        out.append("ReqNodeList=").append(j.reqNodeList().orElse("(null)")).append(" ExcNodeList=(null)")
                .append(end);
        out.append("NodeList=").append(j.nodeList()).append(end);
        j.batchHost().ifPresent(h -> out.append("BatchHost=").append(h).append(end));
        out.append("NumNodes=").append(j.numNodes()).append(" NumCPUs=").append(j.numCpus()).append(" NumTasks=")
                .append(j.numNodes()).append(" CPUs/Task=1 ReqB:S:C:T=0:0:*:*").append(end);
        out.append("TRES=cpu=").append(j.numCpus());
        if (pending) {
            out.append(",mem=").append(j.numNodes()).append('M');
        }
        out.append(",node=").append(j.numNodes()).append(",billing=").append(j.numCpus()).append(end);
        out.append("Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=*").append(end);
        out.append("MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0").append(end);
        out.append("Features=(null) DelayBoot=00:00:00").append(end);
        out.append("OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null)").append(end);
        out.append("Command=").append(j.command().orElse("(null)")).append(end);
        out.append("WorkDir=").append(j.workDir()).append(end);
        if (j.stdOut().isPresent()) {
            out.append("StdErr=").append(j.stdOut().get()).append(end);
            out.append("StdIn=/dev/null").append(end);
            out.append("StdOut=").append(j.stdOut().get()).append(end);
        }
        out.append("Power=").append(end);
        out.append(oneLiner ? "\n" : "\n\n");
        return out.toString();
    }
}

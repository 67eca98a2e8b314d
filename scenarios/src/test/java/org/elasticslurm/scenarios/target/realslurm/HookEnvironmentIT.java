package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook programs of real-slurm runs are started by the real slurmctld 22.05, in the environment it gives:
 * a site program that probes its environment shows fds 0-2 closed, a blocked signal mask and no PATH or HOME;
 * the target's own recording wrapper works there (the call is recorded), and so do the presets (the same run's
 * suspend-less Level 0 shape completes its job).
 */
@ExtendWith(RealSlurmAvailable.class)
class HookEnvironmentIT {

    @TempDir
    Path dir;

    private final LeftOvers left = LeftOvers.ofOneTest();

    @org.junit.jupiter.api.AfterEach
    void removeTheScratchParent() throws java.io.IOException {
        left.removeParent();
    }

    @Test
    void hooksRunWithFdsClosedSignalsBlockedAndNoPathAndTheRecordingWrapperStillWorks() throws IOException {
        Path report = dir.resolve("probe.out");
        Files.writeString(dir.resolve("probe.sh"), """
                #!/bin/bash
                # bash builtins only: the environment slurmctld gives has no PATH
                open=
                for fd in 0 1 2; do
                  [[ -e /proc/$BASHPID/fd/$fd ]] && open+="$fd "
                done
                while read -r key value _; do
                  [[ $key == SigBlk: ]] && blocked=$value
                done < /proc/$BASHPID/status
                exported=$(compgen -e)
                printf 'open=%%s\\nblocked=%%s\\nexported=%%s\\n' "$open" "$blocked" "${exported//$'\\n'/,}" > '%s'
                exit 0
                """.formatted(report));
        Path scenario = dir.resolve("hook-environment.yaml");
        Files.writeString(scenario, """
                name: hook-environment
                targets: [real-slurm]
                slurm-conf:
                  text: |
                %s
                hooks:
                  resume: {program: probe.sh}
                  suspend: noop
                  resume-fail: noop
                steps:
                  - submit: srun -w node1 hostname
                  - slurmd: node1
                    flags: [-b]
                    at: 1s
                expect:
                  - hook: resume
                    args: node1
                    within: 2s
                    after: job1
                  - job: job1
                    state: COMPLETED
                    output: node1
                    within: 10s
                """.formatted(CONF.indent(4).stripTrailing()));

        ScenarioResult result = RealSlurmLevelsIT.run(left.target(), scenario);

        ProvisionedLevels.assertApplicablePassed(result);
        Map<String, String> probe = new LinkedHashMap<>();
        Files.readAllLines(report).forEach(l -> probe.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertThat(probe.get("open")).as("descriptors 0-2 open in the hook").isEmpty();
        assertThat(Long.parseLong(probe.get("blocked"), 16)).as("SigBlk of the hook").isNotZero();
        assertThat(Arrays.asList(probe.get("exported").split(",")))
                .contains("SLURM_CONF")
                .doesNotContain("PATH", "HOME", "LAB", "ELASTIC_SLURM_LAB")
                .isSubsetOf("SLURM_CONF", "SLURM_RESUME_FILE", "PWD", "SHLVL", "OLDPWD", "_");
        assertThat(left.labProcesses()).isEmpty();
    }

    static final String CONF = """
            ClusterName=lab
            SlurmctldHost=$HOST($CTLD_ADDR)
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            StateSaveLocation=$LAB/state
            SlurmdSpoolDir=$LAB/spool/%n
            SlurmctldPidFile=$LAB/slurmctld.pid
            SlurmdPidFile=$LAB/slurmd-%n.pid
            SlurmctldLogFile=$LAB/log/slurmctld.log
            SlurmdLogFile=$LAB/log/slurmd-%n.log
            SlurmctldDebug=debug
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            MpiDefault=none
            ReturnToService=2
            SuspendProgram=$LAB/hooks/suspend
            ResumeProgram=$LAB/hooks/resume
            ResumeFailProgram=$LAB/hooks/resumefail
            TreeWidth=300
            PrivateData=cloud
            SuspendTime=15
            SuspendTimeout=5
            ResumeTimeout=30
            NodeName=node1 State=CLOUD CPUs=1 NodeAddr=127.0.0.1
            PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP
            """;
}

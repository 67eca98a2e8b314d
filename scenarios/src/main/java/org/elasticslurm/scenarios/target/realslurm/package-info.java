/**
 * The process-lab targets: scenarios on Slurm daemons running as processes on this machine, {@code real-slurm}
 * (Debian's slurmctld and slurmd 22.05 with munge) and {@code fake-realtime} (fake-slurmctld's drop-in daemons
 * and commands on the wall clock). One machinery ({@link org.elasticslurm.scenarios.target.realslurm.RealSlurmTarget})
 * runs both; {@link org.elasticslurm.scenarios.target.realslurm.SlurmBinaries} alone decides which executables
 * run, and says what differs (munge is needed only by the real daemons; the drop-ins are JVMs started by
 * launcher scripts in {@code fake-slurmctld/target/bin}, found from the checkout this code runs from or
 * {@code -Delastic-lab.fake-slurmctld.bin=DIR}; when they are missing, the target is unavailable with the path and
 * the command that builds them).
 *
 * <h2>What runs</h2>
 * slurm-lab's real-daemon lab ({@code org.elasticslurm.lab.real.Lab}) starts {@code slurmctld -D} and, for
 * each {@code slurmd:} step, {@code slurmd -D -N NODE [-b]}, from the chosen binaries, with their directory first on
 * PATH for everything the lab runs (controller, slurmds, {@code srun}/{@code sbatch}/{@code scontrol}, {@code run:}
 * commands, and what the remote-execution tool starts on a node); every node has its own {@code Port} on 127.0.0.1
 * (ports are reassigned to free ones, so several labs and a site's daemons never clash). Scenario time 0 is when
 * slurmctld first answers {@code scontrol ping}. {@code ./elastic-lab replay level0 --target real-slurm} (or
 * {@code --target fake-realtime}).
 *
 * <h2>Hooks</h2>
 * slurm.conf's {@code $LAB/hooks/...} programs are installed, with the scenario's modes, in the run's scratch
 * directory ({@code /tmp/esrs-PID-N/hooks/}, {@code /tmp/esfr-PID-N/hooks/}), and run by the lab's slurmctld (the
 * fake one starts them exactly as 22.05 does): no PATH, fds 0-2 closed, its blocked signal mask, only
 * {@code SLURM_CONF}/{@code SLURM_RESUME_FILE}. The presets are written for that (absolute paths,
 * bash builtins; the lab directory is where {@code SLURM_CONF} is), and each first appends
 * {@code <seconds> hook <role> <args>} to the lab's trace: that is how hook calls are observed.
 * <ul>
 * <li>{@code noop}: records and exits 0. {@code log}: also appends to {@code $LAB/hooks.log}.</li>
 * <li>{@code remote-slurmd} (Level 1 as first written): for each node, starts
 * {@code esl-remote NODE SLURMD -b -N NODE -f $SLURM_CONF} (SLURMD: the binaries' slurmd by absolute path) in the background and exits.</li>
 * <li>{@code remote-slurmd-fixed}: puts fds 0-2 on /dev/null, clears the blocked signal mask (perl's
 * {@code sigprocmask}), re-runs itself under {@code setsid -w}, runs the tool with {@code ESL_REMOTE_PERSIST=0}
 * and {@code wait}s for every child.</li>
 * <li>A site's program ({@code program:}) is installed beside a wrapper that records the call and {@code exec}s
 * it, in the same environment.</li>
 * <li>{@code provisioner}: refused (these targets run no provisioner; Levels 2 and 3 run on libvirt-test and
 * qemu).</li>
 * </ul>
 *
 * <h2>The remote-execution tool: {@code tools/esl-remote}</h2>
 * A stand-in for the write-up's {@code ansible NODE -m shell -a COMMAND}. All nodes of the lab are on this
 * machine, so the command runs here, after {@code ESL_REMOTE_CONNECT} seconds (default 2: reaching the node; the
 * sim target's {@code boot-delay} of Level 1). Without that delay the scenario is flaky on the real daemon: a
 * {@code slurmd -b} started within a second of the resume request reports a boot time (1 s resolution,
 * {@code Uptime=1}) that 22.05 takes as older than the request, and ignores it ("Still waiting for boot of node
 * node1") until ResumeTimeout. The command runs as sshd would start it on the node: its own session, fds on /dev/null
 * (output in {@code $LAB/log/remote-NODE.log}), no blocked or ignored signals. (A slurmd started straight from a
 * hook with fds 0-2 closed registers, but its job steps fail to launch: srun reports "Unknown error 842019419",
 * which is the bytes {@code "[202"} of a log line written onto the descriptor slurmd took as fd 2.) The tool keeps
 * the real tool's process shape: after starting the session it stays for {@code ESL_REMOTE_PERSIST} seconds
 * (ssh's ControlPersist; default 120) as a connection master that never waits for the session, which is left
 * {@code <defunct>} when it ends; {@code ESL_REMOTE_PERSIST=0} waits for the session and exits. Everything it
 * starts carries the lab's marker, so the lab's teardown ends it by PID.
 *
 * <h2>Observations</h2>
 * Node states: this target's own {@code scontrol show node} samples every 0.1 s (millisecond times; with the
 * drop-ins each sample starts a JVM, so about every 0.5 s) and one as each job comes to exist, merged with the
 * registrations slurmctld logs ({@code Node NODE now responding}, at the millisecond time in the log line): the state
 * a powering-up node's registration leaves (the state before it without NOT_RESPONDING, POWERING_UP, POWERED_DOWN and
 * POWERING_DOWN) holds from that moment, so the ALLOCATED+CLOUD of a node whose short job runs and ends between two
 * samples (22.05 runs it at the registration) is observed exactly; slurmctld's log
 * lines as they appear (0.1 s, on a thread of their own); a submit step completes when slurmctld logged the job's
 * creation ({@code _slurm_rpc_allocate_resources} / {@code _slurm_rpc_submit_batch_job}), as the log sampling saw
 * it, rather than when {@code scontrol show job} first listed it; hook calls from the trace; jobs
 * from {@code scontrol show job} (an srun job has ended once srun has exited; its output is srun's stdout; a job's
 * {@code hostname} prints the node's name, {@code SLURMD_NODENAME}, since every node is this machine); defunct
 * processes are zombies whose parent is one of the lab's processes other than slurmctld (which reaps its hooks a
 * moment after they exit). Not applicable: provisioner faults, {@code stop}/{@code restart} of slurmctld,
 * provisioner or libvirtd, {@code no-vm-left}.
 *
 * <h2>Scratch directories and signals</h2>
 * A run's files are in {@code /tmp/esrs-PID-N} (real-slurm) or {@code /tmp/esfr-PID-N} (fake-realtime), PID being
 * the JVM's. They are removed when the session closes, and by a shutdown hook when the JVM is ended by SIGTERM or
 * SIGINT (which also ends the lab's processes by PID, as the reference lab's own hook does); opening a lab first
 * removes the directories whose PID is no longer alive (a run ended by SIGKILL), ending the processes marked as
 * theirs.
 *
 * <p>{@code -Delastic-lab.keep-lab=true} keeps a run's files to look into.
 */
package org.elasticslurm.scenarios.target.realslurm;

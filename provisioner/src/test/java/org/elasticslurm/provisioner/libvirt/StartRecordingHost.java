package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that records, for every start, paused start and resume, the domain's state just before and whether a
 * given file existed then (an attach command's trace); all calls are delegated.
 */
final class StartRecordingHost extends DelegatingHypervisor {
    private final Path trace;
    private final List<String> events = new CopyOnWriteArrayList<>();

    StartRecordingHost(Hypervisor real, Path trace) {
        super(real);
        this.trace = trace;
    }

    /** What happened, as {@code <call> <domain> state=<before> trace=<yes|no>}. */
    List<String> events() {
        return List.copyOf(events);
    }

    private void record(String call, String name) {
        events.add(call + " " + name + " state=" + real.domain(name).map(d -> d.state().name()).orElse("absent")
                + " trace=" + (Files.exists(trace) ? "yes" : "no"));
    }

    @Override
    public void start(String name) {
        record("start", name);
        real.start(name);
    }

    @Override
    public void startPaused(String name) {
        record("startPaused", name);
        real.startPaused(name);
    }

    @Override
    public void resume(String name) {
        record("resume", name);
        real.resume(name);
    }
}

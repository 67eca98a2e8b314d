package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Keeps the KVM probe's verdict in a file across starts of the service, so a machine where KVM hangs pays the probe
 * (its bound plus a TCG control boot) once per boot rather than at every start. A kept verdict is given back only
 * while its {@link KvmProbeConditions} still hold; otherwise the probe runs and the file is written anew. A file
 * that cannot be read or written costs a probe and a warning, never the start.
 */
final class KvmVerdictCache {
    private static final Logger LOG = Logger.getLogger(KvmVerdictCache.class);

    private final KvmVerdictFile file;
    private final KvmProbeConditions conditions;
    private final Clock clock;

    /**
     * @param file where the verdict is kept
     * @param conditions what the verdict depends on
     * @param clock tells when a probe ran
     */
    KvmVerdictCache(Path file, KvmProbeConditions conditions, Clock clock) {
        this.file = new KvmVerdictFile(file);
        this.conditions = conditions;
        this.clock = clock;
    }

    /**
     * The kept verdict when it still applies (its reason then says when it was probed and where it is kept), else
     * the verdict of {@code probe}, which is then kept. Exceptions of {@code probe} pass through; nothing is kept.
     */
    KvmVerdict verdict(Supplier<KvmVerdict> probe) {
        Map<String, String> now;
        try {
            now = conditions.current();
        } catch (IOException e) {
            LOG.warnf("cannot tell whether the KVM verdict kept in %s still applies (%s); probing without keeping"
                    + " the verdict", file.path(), e.getMessage());
            return probe.get();
        }
        Optional<KvmVerdict> kept = kept(now);
        if (kept.isPresent()) {
            return kept.get();
        }
        KvmVerdict fresh = probe.get();
        keep(new KvmVerdictFile.Kept(fresh.usable(), fresh.reason(), clock.instant(), now));
        return fresh;
    }

    private Optional<KvmVerdict> kept(Map<String, String> now) {
        Optional<KvmVerdictFile.Kept> read;
        try {
            read = file.read();
        } catch (IOException e) {
            LOG.warnf("ignoring the KVM verdict file %s (%s); probing again", file.path(), e.getMessage());
            return Optional.empty();
        }
        if (read.isEmpty()) {
            LOG.debugf("no KVM verdict kept in %s yet; probing", file.path());
            return Optional.empty();
        }
        KvmVerdictFile.Kept k = read.get();
        if (!k.conditions().equals(now)) {
            LOG.infof("the KVM verdict kept in %s no longer applies (changed: %s); probing again", file.path(),
                    changed(k.conditions(), now));
            return Optional.empty();
        }
        return Optional.of(new KvmVerdict(k.usable(), k.reason() + " (probed "
                + k.probedAt().truncatedTo(ChronoUnit.SECONDS) + " in this boot; kept in " + file.path() + ")",
                Duration.ZERO));
    }

    private void keep(KvmVerdictFile.Kept kept) {
        try {
            file.write(kept);
        } catch (IOException e) {
            LOG.warnf("cannot keep the KVM verdict in %s (%s: %s); the next start probes again", file.path(),
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static Set<String> changed(Map<String, String> before, Map<String, String> now) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(now.keySet());
        names.removeIf(n -> Objects.equals(before.get(n), now.get(n)));
        return names;
    }
}

package org.elasticslurm.scenarios.target.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The qemu target's text resources beside its classes (user-data templates, the post-config playbook). */
final class QemuResources {
    private QemuResources() {
    }

    /** The resource's text; fails when the build lacks it. */
    static String text(String name) {
        try (InputStream in = QemuResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}

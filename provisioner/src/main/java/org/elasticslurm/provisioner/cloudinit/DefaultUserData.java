package org.elasticslurm.provisioner.cloudinit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The built-in user-data template: sets the hostname, installs munge key and slurm.conf, restarts the daemons. */
public final class DefaultUserData {
    private static final String RESOURCE = "default-user-data.yaml";

    private DefaultUserData() {
    }

    /** The built-in template, checked against the standard variables and {@code extraNames}. */
    public static UserDataTemplate template(Set<String> extraNames) {
        return UserDataTemplate.parse("built-in", text(), SeedInputs.knownVariables(extraNames));
    }

    /** The built-in template's text. */
    public static String text() {
        try (InputStream in = DefaultUserData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

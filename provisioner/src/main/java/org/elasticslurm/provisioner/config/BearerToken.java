package org.elasticslurm.provisioner.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import org.elasticslurm.provisioner.pool.InvalidConfigException;

/** The bearer token that every {@code /v1} call must present, read from {@code provisioner.token-file}. */
public final class BearerToken {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] token;

    private BearerToken(byte[] token) {
        this.token = token;
    }

    /**
     * Reads the token file: the first line, surrounding white space removed.
     *
     * @throws InvalidConfigException when the file is missing, not a regular file, accessible by group or
     *         others, or empty
     */
    public static BearerToken read(Path file) {
        String key = "provisioner.token-file";
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(java.util.List.of(key + ": " + file + " does not exist or is not a regular file"));
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
            open.addAll(perms);
            open.retainAll(GROUP_OR_OTHERS);
            if (!open.isEmpty()) {
                throw new InvalidConfigException(java.util.List.of(key + ": " + file + " must not be accessible by group or others"
                        + " (mode " + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                        + "; run chmod 600 " + file + ")"));
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String first = content.lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new InvalidConfigException(java.util.List.of(key + ": " + file + " is empty (it must hold the token)"));
            }
            return new BearerToken(first.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfigException(key + ": " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether an {@code Authorization} header value carries this token; compares in constant time. */
    public boolean matchesHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }


    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}

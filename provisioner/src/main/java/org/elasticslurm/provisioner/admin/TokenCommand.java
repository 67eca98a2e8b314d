package org.elasticslurm.provisioner.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.util.Base64;
import org.elasticslurm.conf.io.AtomicFiles;

/**
 * {@code token new [--file PATH] [--owner USER] [--force]}: makes a new bearer token (32 random bytes, base64url),
 * writes it to the service's token file with mode 0600 owned by the service's user, and prints it once on stdout,
 * for the copy the hooks read on the controller (owned by SlurmUser, mode 0600).
 */
final class TokenCommand {
    static final String DEFAULT_FILE = "/etc/elastic-slurm/token";
    static final String DEFAULT_OWNER = "elastic-slurm";
    private final SecureRandom random;

    TokenCommand(SecureRandom random) {
        this.random = random;
    }

    int run(Options o, PrintStream out, PrintStream err) {
        Path file = Path.of(o.value("file", DEFAULT_FILE));
        boolean root = "root".equals(System.getProperty("user.name"));
        String owner = o.value("owner", root ? DEFAULT_OWNER : System.getProperty("user.name"));
        if (!file.isAbsolute()) {
            err.println("token new: --file must be an absolute path (" + file + ")");
            return AdminMain.USAGE;
        }
        if (Files.exists(file) && !o.flag("force")) {
            err.println("token new: " + file + " exists; the hooks on the controller hold a copy of it: --force"
                    + " replaces it (then copy the new token to the controller and restart the service)");
            return AdminMain.PROBLEM;
        }
        try {
            UserPrincipal user = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner);
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            AtomicFiles.replace(file, tmp -> {
                Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
                Files.setOwner(tmp, user);
            }, PosixFilePermissions.fromString("rw-------"));
            out.println(token);
            err.println("token new: wrote " + file + " (mode 0600, owner " + owner + "). The token is printed once,"
                    + " above: put it on the controller into the hooks' token-file, owned by SlurmUser, mode 0600.");
            return 0;
        } catch (UserPrincipalNotFoundException e) {
            err.println("token new: no user " + owner + " (the service's user must own its token file; create the"
                    + " user or give --owner USER); nothing was written");
            return AdminMain.PROBLEM;
        } catch (IOException e) {
            err.println("token new: cannot write " + file + ": " + e.getMessage());
            return AdminMain.PROBLEM;
        }
    }
}

package org.elasticslurm.fake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elasticslurm.fake.hook.ProcessTable;

/**
 * Who runs a command and from where (for job records): user and group with their ids, this host's short name,
 * the session id. Read from /proc and /etc/group.
 *
 * @param user  the user name
 * @param uid   the real uid
 * @param group the primary group's name
 * @param gid   the real gid
 * @param host  the short host name
 * @param sid   the session id
 */
record ClientIdentity(String user, long uid, String group, long gid, String host, long sid) {

    static ClientIdentity current() {
        long uid = 0;
        long gid = 0;
        long sid = 0;
        String host = "localhost";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                } else if (line.startsWith("Gid:")) {
                    gid = Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                }
            }
            sid = ProcessTable.self().orElseThrow(() -> new IOException("/proc/self/stat cannot be read")).session();
            host = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            int dot = host.indexOf('.');
            host = dot < 0 ? host : host.substring(0, dot);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this process's identity from /proc: " + e, e);
        }
        return new ClientIdentity(System.getProperty("user.name"), uid, groupName(gid), gid, host, sid);
    }

    private static String groupName(long gid) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Long.toString(gid))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            return Long.toString(gid);
        }
        return Long.toString(gid);
    }
}

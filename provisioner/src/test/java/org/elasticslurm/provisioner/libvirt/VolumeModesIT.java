package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Random;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

/**
 * The default seed path (no seed-directory): seeds are uploaded as volumes of a real libvirt dir pool; they and
 * the overlays must be files of mode 0600 on the host (a seed carries the munge key).
 */
@CpuCost(0) // libvirt calls and qemu-img: waiting, not computing
@RequiresLibvirtDaemon
class VolumeModesIT {
    private static final String URI = "qemu:///system";
    private final String tag = "papi" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(),
            (byte) new Random().nextInt()});
    private final Path dir = Path.of("/var/lib/libvirt/images", tag);
    private Connect admin;
    private StoragePool pool;
    private LibvirtHypervisor hypervisor;

    @BeforeEach
    void pool() throws Exception {
        Files.createDirectories(dir);
        Process img = new ProcessBuilder("/usr/bin/qemu-img", "create", "-q", "-f", "qcow2",
                dir.resolve("base.qcow2").toString(), "16M").inheritIO().start();
        assertThat(img.waitFor()).isZero();
        admin = new Connect(URI);
        pool = admin.storagePoolCreateXML("<pool type='dir'><name>" + tag + "</name><target><path>" + dir
                + "</path></target></pool>", 0);
        pool.refresh(0);
        hypervisor = LibvirtHypervisor.open(URI);
    }

    @AfterEach
    void remove() throws Exception {
        if (hypervisor != null) {
            hypervisor.deleteVolume(tag, "n1-seed.iso");
            hypervisor.deleteVolume(tag, "n1.qcow2");
            hypervisor.close();
        }
        if (pool != null) {
            pool.destroy();
            pool.free();
        }
        if (admin != null) {
            admin.close();
        }
        Files.deleteIfExists(dir.resolve("base.qcow2"));
        Files.deleteIfExists(dir);
    }

    @Test
    void anUploadedSeedAndAnOverlayAreFilesOfTheirOwnerOnly() throws Exception {
        String seed = hypervisor.uploadVolume(tag, "n1-seed.iso", "munge key inside".getBytes()).path();
        String overlay = hypervisor.cloneOverlay(tag, "base.qcow2", "n1.qcow2").path();

        assertThat(Files.readString(Path.of(seed))).isEqualTo("munge key inside");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(seed)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(overlay)))).isEqualTo("rw-------");
    }
}

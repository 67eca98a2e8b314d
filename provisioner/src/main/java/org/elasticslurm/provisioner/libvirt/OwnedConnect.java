package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/** A libvirt-java connection that also hands its native pointer to {@link NativeLibvirt} calls. */
final class OwnedConnect extends Connect {
    OwnedConnect(String uri) throws LibvirtException {
        super(uri, false);
    }

    /** The native {@code virConnectPtr}. */
    Pointer pointer() {
        return vcp.getPointer();
    }
}

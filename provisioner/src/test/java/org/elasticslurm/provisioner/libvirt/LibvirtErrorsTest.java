package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.libvirt.Error;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.jna.virError;

class LibvirtErrorsTest {

    @Test
    void libvirtJavaErrorNumbersMapToLibvirtCodesDespiteTheMissingFilterCodes() {
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_ERR_NO_DOMAIN)).isEqualTo(42);
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_ERR_OPERATION_INVALID)).isEqualTo(55);
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_ERR_MULTIPLE_INTERFACES)).isEqualTo(59);
        // libvirt-java 0.5.2 lacks 60-63 (nwfilter, firewall): the next ones are four further on
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_WAR_NO_SECRET)).isEqualTo(64);
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_ERR_OPERATION_TIMEOUT)).isEqualTo(68);
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA)).isEqualTo(80);
        assertThat(LibvirtErrors.codeOf(ErrorNumber.VIR_ERR_UNKNOWN)).isEqualTo(-1);
    }

    @Test
    void connectionAndBusyErrorsAreTransientTheRestPermanent() {
        assertThat(new LibvirtErrors.Failure(38, 7, "Failed to connect socket").isTransient()).isTrue();
        assertThat(new LibvirtErrors.Failure(38, 7, "Failed to connect socket").connectionLost()).isTrue();
        assertThat(new LibvirtErrors.Failure(38, 18, "cannot open volume: No such file").isTransient()).isFalse();
        assertThat(new LibvirtErrors.Failure(LibvirtErrors.OPERATION_TIMEOUT, 10, "state change lock").isTransient())
                .isTrue();
        assertThat(new LibvirtErrors.Failure(LibvirtErrors.AGENT_UNRESPONSIVE, 10, "agent").isTransient()).isTrue();
        assertThat(new LibvirtErrors.Failure(LibvirtErrors.NO_DOMAIN, 10, "no domain").isTransient()).isFalse();
        assertThat(new LibvirtErrors.Failure(LibvirtErrors.NO_SUPPORT, 12, "not supported")
                .toBackendException("test:///default: x", null))
                .hasMessage("test:///default: x: not supported (libvirt error 3)")
                .satisfies(e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void aClientSocketClosedUnderACallIsALostConnectionToRetryOnANewOne() {
        LibvirtErrors.Failure closed = new LibvirtErrors.Failure(LibvirtErrors.INTERNAL_ERROR, 7,
                "internal error: client socket is closed");

        assertThat(closed.connectionLost()).isTrue();
        assertThat(closed.isTransient()).isTrue();
        assertThat(new LibvirtErrors.Failure(LibvirtErrors.INTERNAL_ERROR, 10, "internal error: unexpected XML")
                .isTransient()).as("an internal error of a driver stays permanent").isFalse();
    }

    @Test
    void aDaemonGoneUnderACallIsALostConnectionAlsoWhenOnlyLibvirtJavasCopyOfTheErrorIsLeft() {
        LibvirtErrors.Failure eof = LibvirtErrors.of(error(38, 7, "End of file while reading data: Input/output error"));

        assertThat(eof.origin()).as("the RPC layer").isEqualTo(7);
        assertThat(eof.connectionLost()).isTrue();
        assertThat(eof.isTransient()).isTrue();
        assertThat(LibvirtErrors.of(error(38, 18, "cannot open volume: No such file")).isTransient())
                .as("a system error of the storage driver stays permanent").isFalse();
        assertThat(LibvirtErrors.of(error(42, 10, "Domain not found")).code()).isEqualTo(LibvirtErrors.NO_DOMAIN);
    }

    private static Error error(int code, int domain, String message) {
        virError v = new virError();
        v.code = code;
        v.domain = domain;
        v.message = message;
        v.level = 2;
        return new Error(v);
    }
}

package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Pointer;
import java.util.Set;
import org.elasticslurm.provisioner.backend.BackendException;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * The one place where libvirt errors become {@link BackendException}s. Whether a retry may help is decided by
 * libvirt's error code (and, for system errors, whether they come from the connection).
 */
final class LibvirtErrors {
    static final int INTERNAL_ERROR = 1;
    static final int NO_SUPPORT = 3;
    static final int INVALID_CONN = 6;
    static final int OPERATION_FAILED = 9;
    static final int DOM_EXIST = 28;
    static final int SYSTEM_ERROR = 38;
    static final int RPC = 39;
    static final int NO_DOMAIN = 42;
    static final int NO_NETWORK = 43;
    static final int NO_STORAGE_POOL = 49;
    static final int NO_STORAGE_VOL = 50;
    static final int OPERATION_INVALID = 55;
    static final int OPERATION_TIMEOUT = 68;
    static final int AGENT_UNRESPONSIVE = 86;
    static final int RESOURCE_BUSY = 87;
    static final int AUTH_UNAVAILABLE = 94;
    static final int AGENT_UNSYNCED = 97;

    private static final int FROM_RPC = 7;
    private static final int FROM_REMOTE = 13;
    private static final Set<Integer> TRANSIENT = Set.of(INVALID_CONN, RPC, OPERATION_TIMEOUT, AGENT_UNRESPONSIVE,
            RESOURCE_BUSY, AUTH_UNAVAILABLE, AGENT_UNSYNCED);
    /** libvirt-java 0.5.2's ErrorNumber lacks codes 60-63, so ordinals past 59 are off by four. */
    private static final int FIRST_SHIFTED_ORDINAL = 60;
    private static final int SHIFT = 4;

    /**
     * A libvirt error as code, error domain (who raised it) and message.
     *
     * @param code libvirt's {@code virErrorNumber}, -1 when unknown
     * @param origin libvirt's {@code virErrorDomain}, -1 when unknown
     * @param message libvirt's message
     */
    record Failure(int code, int origin, String message) {
        boolean isTransient() {
            return TRANSIENT.contains(code) || connectionLost();
        }

        /**
         * The connection is gone: invalid, a system error of the RPC layer (socket refused, end of file), or an
         * internal error of the RPC layer ({@code client socket is closed}: the daemon went away under a call).
         */
        boolean connectionLost() {
            return code == INVALID_CONN || (code == SYSTEM_ERROR && (origin == FROM_RPC || origin == FROM_REMOTE))
                    || (code == INTERNAL_ERROR && origin == FROM_RPC);
        }

        BackendException toBackendException(String what, Throwable cause) {
            return new BackendException(what + ": " + message + " (libvirt error " + code + ")", isTransient(), cause);
        }
    }

    private final NativeLibvirt lib;

    LibvirtErrors(NativeLibvirt lib) {
        this.lib = lib;
    }

    /**
     * Reads a libvirt-java exception. libvirt keeps the error it raised in a thread-local slot that libvirt-java
     * read just before throwing; its raw code and origin are taken from there when the message matches, else (a
     * later libvirt call of the thread, such as freeing the domain handle, reset the slot) from libvirt-java's
     * copy ({@link #of}).
     */
    Failure failure(LibvirtException e) {
        Error error = e.getError();
        Failure last = lastError();
        if (last != null && last.message() != null && last.message().equals(error.getMessage())) {
            return last;
        }
        return of(error);
    }

    /**
     * libvirt-java's copy of an error: the code recovered from its (shifted) enum, the origin from its domain enum,
     * whose order is libvirt's up to {@code VIR_FROM_REMOTE} (-1 beyond: not one the decisions here look at).
     * Without the origin a lost connection ("End of file while reading data", a system error of the RPC layer)
     * would count as permanent.
     */
    static Failure of(Error error) {
        Error.ErrorDomain domain = error.getDomain();
        int origin = domain == null || domain.ordinal() > FROM_REMOTE ? -1 : domain.ordinal();
        return new Failure(codeOf(error.getCode()), origin, error.getMessage());
    }

    /** The calling thread's last libvirt error, for functions called through {@link NativeLibvirt}. */
    Failure lastError() {
        Pointer p = lib.virGetLastError();
        if (p == null) {
            return null;
        }
        NativeLibvirt.Error e = new NativeLibvirt.Error(p);
        return new Failure(e.code, e.domain, e.message);
    }

    /** The last error of a native call that just failed, as a backend exception. */
    BackendException lastAsBackendException(String what) {
        Failure f = lastError();
        if (f == null) {
            return new BackendException(what + ": libvirt reported a failure without an error", false, null);
        }
        return f.toBackendException(what, null);
    }

    BackendException translate(String what, LibvirtException e) {
        return failure(e).toBackendException(what, e);
    }

    static int codeOf(Error.ErrorNumber number) {
        if (number == Error.ErrorNumber.VIR_ERR_UNKNOWN) {
            return -1;
        }
        int ordinal = number.ordinal();
        return ordinal < FIRST_SHIFTED_ORDINAL ? ordinal : ordinal + SHIFT;
    }
}

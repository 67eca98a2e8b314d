package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * The connection to one libvirt host, shared by all threads (libvirt connections are thread-safe), reopened on the
 * next call after it was lost. Every call's libvirt failure is translated here, once.
 *
 * <p>Each call leases the current connection for its duration. A call that finds the connection lost retires it at
 * once: later calls open and use a new one without waiting for calls still running on the old one (a call blocked
 * in native code on a daemon that stopped answering may never return). A retired connection is closed when its last
 * call ends; until then it is kept open under that call, and the retirement is logged naming the calls still on it.
 * What a hung call holds is its own thread and at most its own connection (the number of such threads is bounded
 * by {@link CallTimeLimit}).
 */
final class LibvirtConnection {
    private static final Logger LOG = Logger.getLogger(LibvirtHypervisor.class);

    private final String uri;
    private final NativeLibvirt lib;
    private final LibvirtErrors errors;
    private final Duration openWait;
    /** Keeps libvirt from printing errors we translate anyway; must stay reachable while connections live. */
    private final Libvirt.VirErrorCallback quiet = (userData, error) -> LOG.tracef("libvirt: %s", error.message);
    /** One opening at a time, unless it takes longer than {@link #openWait}. */
    private final ReentrantLock opening = new ReentrantLock();
    private LeasedConnect current; // guarded by this
    private final Set<LeasedConnect> retired = new LinkedHashSet<>(); // guarded by this: replaced, calls still on it

    /** A call on the open connection. */
    interface Call<T> {
        T run(OwnedConnect c) throws LibvirtException;
    }

    LibvirtConnection(String uri, NativeLibvirt lib) {
        this(uri, lib, LibvirtSettings.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * @param openWait how long a call waits for another call's opening of the connection before opening one itself
     *                 (the call timeout: an opening that takes longer is as good as hung)
     */
    LibvirtConnection(String uri, NativeLibvirt lib, Duration openWait) {
        this.uri = uri;
        this.lib = lib;
        this.errors = new LibvirtErrors(lib);
        this.openWait = openWait;
    }

    String uri() {
        return uri;
    }

    NativeLibvirt lib() {
        return lib;
    }

    LibvirtErrors errors() {
        return errors;
    }

    /** Runs {@code body} on the connection; a libvirt failure becomes a backend exception naming {@code what}. */
    <T> T call(String what, Call<T> body) {
        LeasedConnect lease = lease(what);
        boolean lost = false;
        try {
            return body.run(lease.connect());
        } catch (LibvirtException e) {
            LibvirtErrors.Failure failure = errors.failure(e);
            lost = failure.connectionLost();
            throw failure.toBackendException(uri + ": " + what, e);
        } finally {
            release(lease, what, lost);
        }
    }

    /** The calls still running on connections that were replaced (lost, or closed under them), by name. */
    synchronized List<String> runningOnReplaced() {
        List<String> names = new ArrayList<>();
        retired.forEach(r -> names.addAll(r.running()));
        return names;
    }

    /** Closes the connection once no call runs on it; the next call opens a new one. */
    void close() {
        LeasedConnect closing;
        synchronized (this) {
            closing = current;
            current = null;
            if (closing == null || !retire(closing, "closed")) {
                return;
            }
        }
        try {
            closing.connect().close();
        } catch (LibvirtException e) {
            throw errors.translate("closing the connection to " + uri, e);
        }
    }

    private LeasedConnect lease(String what) {
        synchronized (this) {
            if (current != null) {
                current.enter(what);
                return current;
            }
        }
        boolean alone = awaitOpening(what);
        try {
            synchronized (this) {
                if (current != null) {
                    current.enter(what);
                    return current;
                }
            }
            OwnedConnect opened = open();
            OwnedConnect surplus = null;
            LeasedConnect lease;
            synchronized (this) {
                if (current == null) {
                    current = new LeasedConnect(opened);
                } else {
                    surplus = opened;
                }
                current.enter(what);
                lease = current;
            }
            if (surplus != null) {
                closeQuietly(surplus);
            }
            return lease;
        } finally {
            if (alone) {
                opening.unlock();
            }
        }
    }

    /** Waits for another call's opening; false when it took longer than {@link #openWait} (then open anyway). */
    private boolean awaitOpening(String what) {
        try {
            if (opening.tryLock(openWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(uri + ": " + what + ": interrupted while waiting for the connection", true, e);
        }
        LOG.warnf("%s: opening the connection has had no answer for %s; %s opens another", uri, openWait, what);
        return false;
    }

    private OwnedConnect open() {
        try {
            OwnedConnect opened = new OwnedConnect(uri);
            opened.setConnectionErrorCallback(quiet);
            return opened;
        } catch (LibvirtException e) {
            throw errors.translate("cannot connect to " + uri, e);
        }
    }

    private void release(LeasedConnect lease, String what, boolean lost) {
        boolean closeNow;
        synchronized (this) {
            closeNow = lease.leave(what);
            if (lost && current == lease) {
                current = null;
                closeNow = retire(lease, "lost");
            }
            if (closeNow) {
                retired.remove(lease);
            }
        }
        if (closeNow) {
            closeQuietly(lease.connect());
        }
    }

    /** Takes a connection out of use; true when no call runs on it. Call with the monitor held. */
    private boolean retire(LeasedConnect lease, String why) {
        if (lease.retire()) {
            return true;
        }
        retired.add(lease);
        LOG.warnf("%s: the connection is %s; later calls use a new one, the old one is closed when the calls still"
                + " on it end: %s", uri, why, lease.running());
        return false;
    }

    private void closeQuietly(OwnedConnect c) {
        try {
            c.close();
        } catch (LibvirtException e) {
            LOG.debugf("closing a replaced connection to %s: %s", uri, e.getMessage());
        }
    }
}

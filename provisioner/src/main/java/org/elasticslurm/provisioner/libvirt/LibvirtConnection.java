package org.elasticslurm.provisioner.libvirt;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * The connection to one libvirt host, shared by all threads (libvirt connections are thread-safe), reopened on the
 * next call after it was lost. Every call's libvirt failure is translated here, once.
 */
final class LibvirtConnection {
    private static final Logger LOG = Logger.getLogger(LibvirtHypervisor.class);

    private final String uri;
    private final NativeLibvirt lib;
    private final LibvirtErrors errors;
    /** Keeps libvirt from printing errors we translate anyway; must stay reachable while the connection lives. */
    private final Libvirt.VirErrorCallback quiet = (userData, error) -> LOG.tracef("libvirt: %s", error.message);
    /** Calls share the connection; replacing or closing it waits until no call uses it. */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();
    private OwnedConnect connection; // guarded by use

    /** A call on the open connection. */
    interface Call<T> {
        T run(OwnedConnect c) throws LibvirtException;
    }

    LibvirtConnection(String uri, NativeLibvirt lib) {
        this.uri = uri;
        this.lib = lib;
        this.errors = new LibvirtErrors(lib);
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

    /** Opens the connection when there is none; call with the read lock held. */
    private OwnedConnect connection() {
        if (connection != null) {
            return connection;
        }
        use.readLock().unlock();
        use.writeLock().lock();
        try {
            if (connection == null) {
                OwnedConnect opened = new OwnedConnect(uri);
                opened.setConnectionErrorCallback(quiet);
                connection = opened;
            }
            return connection;
        } catch (LibvirtException e) {
            throw errors.translate("cannot connect to " + uri, e);
        } finally {
            use.readLock().lock(); // downgrade
            use.writeLock().unlock();
        }
    }

    /** Drops a connection found lost, once no call uses it; the next call opens a new one. */
    private void forget(OwnedConnect lost) {
        use.writeLock().lock();
        try {
            if (connection == lost) {
                connection = null;
                lost.close();
            }
        } catch (LibvirtException e) {
            LOG.debugf("closing the lost connection to %s: %s", uri, e.getMessage());
        } finally {
            use.writeLock().unlock();
        }
    }

    /** Runs {@code body} on the connection; a libvirt failure becomes a backend exception naming {@code what}. */
    <T> T call(String what, Call<T> body) {
        OwnedConnect c;
        LibvirtErrors.Failure failure;
        LibvirtException cause;
        use.readLock().lock();
        try {
            c = connection();
            try {
                return body.run(c);
            } catch (LibvirtException e) {
                failure = errors.failure(e);
                cause = e;
            }
        } finally {
            use.readLock().unlock();
        }
        if (failure.connectionLost()) {
            forget(c);
        }
        throw failure.toBackendException(uri + ": " + what, cause);
    }

    /** Closes the connection; the next call opens a new one. */
    void close() {
        use.writeLock().lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (LibvirtException e) {
            throw errors.translate("closing the connection to " + uri, e);
        } finally {
            connection = null;
            use.writeLock().unlock();
        }
    }
}

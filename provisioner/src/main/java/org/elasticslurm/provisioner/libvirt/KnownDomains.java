package org.elasticslurm.provisioner.libvirt;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What this service knows of the domain names on each host: the last listing of each host that answered, and the
 * creations and removals made by this service since. A name is known to be absent from a host only when a listing
 * or a removal says so and no creation since may have put it there; a creation still under way, or one ended after
 * the host's last listing, may have made the domain. Thread-safe.
 */
final class KnownDomains {
    private record Listing(Instant taken, Set<String> names) {
    }

    /** A change made by this service to one name on one host; {@code at} is null while it is under way. */
    private record Change(Instant at, boolean mayBeThere) {
    }

    private final Map<String, Listing> listings = new HashMap<>();
    private final Map<String, Map<String, Change>> changes = new HashMap<>();

    /** A listing of the host's domains begun at {@code taken}; it replaces what ended before it began. */
    synchronized void listed(String uri, Instant taken, Set<String> names) {
        Listing last = listings.get(uri);
        if (last != null && taken.isBefore(last.taken())) {
            return;
        }
        listings.put(uri, new Listing(taken, Set.copyOf(names)));
        Map<String, Change> since = changes.get(uri);
        if (since != null) {
            since.values().removeIf(c -> c.at() != null && c.at().isBefore(taken));
        }
    }

    /** A creation of the name on the host begins: from now on the domain may be there. */
    synchronized void creating(String uri, String name) {
        changes.computeIfAbsent(uri, u -> new HashMap<>()).put(name, new Change(null, true));
    }

    /** The creation ended (made or rolled back): the domain may be there until a listing begun later says not. */
    synchronized void creationEnded(String uri, String name, Instant at) {
        changes.computeIfAbsent(uri, u -> new HashMap<>()).put(name, new Change(at, true));
    }

    /** The host answered that it has no domain of this name (any was removed) at {@code at}. */
    synchronized void removed(String uri, String name, Instant at) {
        changes.computeIfAbsent(uri, u -> new HashMap<>()).put(name, new Change(at, false));
    }

    /** Whether the host is known to have no domain of this name; false for a host never listed. */
    synchronized boolean knownWithout(String uri, String name) {
        Change change = changes.getOrDefault(uri, Map.of()).get(name);
        if (change != null) {
            return !change.mayBeThere();
        }
        Listing last = listings.get(uri);
        return last != null && !last.names().contains(name);
    }
}

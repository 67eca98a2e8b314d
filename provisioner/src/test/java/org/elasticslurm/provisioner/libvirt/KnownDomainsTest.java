package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownDomainsTest {
    private static final String HOST = "test:///b";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final KnownDomains known = new KnownDomains();

    @Test
    void aHostNeverListedIsNotKnownToLackAnyDomain() {
        assertThat(known.knownWithout(HOST, "x")).isFalse();
    }

    @Test
    void aHostListedWithoutTheNameIsKnownToLackItAndOneListedWithItIsNot() {
        known.listed(HOST, T0, Set.of("y"));

        assertThat(known.knownWithout(HOST, "x")).isTrue();
        assertThat(known.knownWithout(HOST, "y")).isFalse();
    }

    @Test
    void aCreationUnderWayOrEndedAfterTheLastListingMayHaveMadeTheDomain() {
        known.listed(HOST, T0, Set.of());
        known.creating(HOST, "x");
        assertThat(known.knownWithout(HOST, "x")).as("under way").isFalse();

        known.creationEnded(HOST, "x", T0.plusSeconds(2));
        assertThat(known.knownWithout(HOST, "x")).as("ended after the listing").isFalse();
    }

    @Test
    void aListingBegunBeforeACreationEndedDoesNotClearItEvenWhenRecordedAfterIt() {
        known.listed(HOST, T0, Set.of());
        known.creating(HOST, "x");
        known.creationEnded(HOST, "x", T0.plusSeconds(2));

        known.listed(HOST, T0.plusSeconds(1), Set.of()); // began while the creation ran, missed its domain

        assertThat(known.knownWithout(HOST, "x")).isFalse();
    }

    @Test
    void aListingBegunAfterTheCreationEndedDecides() {
        known.creating(HOST, "x");
        known.creationEnded(HOST, "x", T0.plusSeconds(2));

        known.listed(HOST, T0.plusSeconds(3), Set.of());

        assertThat(known.knownWithout(HOST, "x")).isTrue();
    }

    @Test
    void aCreationUnderWayIsNotClearedByAnyListing() {
        known.creating(HOST, "x");

        known.listed(HOST, T0.plusSeconds(3), Set.of());

        assertThat(known.knownWithout(HOST, "x")).isFalse();
    }

    @Test
    void aRemovalSinceAListingThatShowedTheDomainMakesItKnownAbsent() {
        known.listed(HOST, T0, Set.of("x"));

        known.removed(HOST, "x", T0.plusSeconds(1));

        assertThat(known.knownWithout(HOST, "x")).isTrue();
    }

    @Test
    void anOlderListingRecordedLateDoesNotReplaceANewerOne() {
        known.listed(HOST, T0.plusSeconds(5), Set.of("x"));

        known.listed(HOST, T0, Set.of());

        assertThat(known.knownWithout(HOST, "x")).isFalse();
    }
}

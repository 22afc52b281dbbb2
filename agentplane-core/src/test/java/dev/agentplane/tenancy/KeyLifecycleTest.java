package dev.agentplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.time.Duration;
import java.time.Instant;

class KeyLifecycleTest {

    private static CreatedApiKey key(TestPlane t) {
        return t.plane().keys().create(t.actor(), new NewApiKey("ci", "developer", null));
    }

    private static String pointerOf(Throwable e) {
        return ((ProblemException) e).errors().get(0).pointer();
    }

    @AcrossDatabases
    void a_revoked_key_stops_at_once_even_when_it_was_just_verified(TestPlane t) {
        CreatedApiKey key = key(t);
        assertThat(t.plane().keys().authenticate(key.key())).isPresent();

        ApiKey revoked = t.plane().keys().revoke(t.actor(), key.id());

        assertThat(revoked.revokedAt()).isEqualTo(t.clock().instant());
        assertThat(t.plane().keys().authenticate(key.key())).isEmpty();
        assertThat(t.plane().keys().revoke(t.actor(), key.id()).revokedAt()).isEqualTo(revoked.revokedAt());
    }

    @AcrossDatabases
    void keys_of_another_org_are_unknown_to_revoke_and_rotate(TestPlane t) {
        CreatedApiKey foreign = t.plane().keys().create(t.otherOrg(), new NewApiKey("other", "admin", null));

        assertThatThrownBy(() -> t.plane().keys().revoke(t.actor(), foreign.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().keys().rotate(t.actor(), foreign.id(), new KeyRotation(null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.plane().keys().authenticate(foreign.key())).isPresent();
    }

    @AcrossDatabases
    void a_rotated_key_works_through_the_grace_period_then_stops(TestPlane t) {
        CreatedApiKey old = t.plane().keys().create(t.actor(), new NewApiKey("ci", "viewer", null, null, 30));
        assertThat(t.plane().keys().authenticate(old.key())).isPresent();

        CreatedApiKey fresh = t.plane().keys().rotate(t.actor(), old.id(), new KeyRotation(60L));

        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(fresh.role()).isEqualTo("viewer");
        assertThat(fresh.rateLimitPerMinute()).isEqualTo(30);
        assertThat(fresh.expiresAt()).isNull();
        t.clock().advance(Duration.ofSeconds(59));
        assertThat(t.plane().keys().authenticate(old.key())).isPresent();
        t.clock().advance(Duration.ofSeconds(2));
        assertThat(t.plane().keys().authenticate(old.key())).isEmpty();
        assertThat(t.plane().keys().authenticate(fresh.key())).get().extracting(Actor::keyId).isEqualTo(fresh.id());
    }

    @AcrossDatabases
    void rotating_without_grace_stops_the_old_key_at_once(TestPlane t) {
        CreatedApiKey old = key(t);
        assertThat(t.plane().keys().authenticate(old.key())).isPresent();

        t.plane().keys().rotate(t.actor(), old.id(), new KeyRotation(0L));

        assertThat(t.plane().keys().authenticate(old.key())).isEmpty();
        assertThatThrownBy(() -> t.plane().keys().rotate(t.actor(), old.id(), new KeyRotation(0L)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("expired");
    }

    @AcrossDatabases
    void rotation_never_extends_a_key_beyond_its_own_expiry(TestPlane t) {
        Instant expiry = t.clock().instant().plusSeconds(10);
        CreatedApiKey old = t.plane().keys().create(t.actor(), new NewApiKey("short", "viewer", null, expiry, null));

        t.plane().keys().rotate(t.actor(), old.id(), new KeyRotation(3600L));

        ApiKey listed = t.plane().keys().list(t.actor(), PageRequest.first(10)).items().stream()
                .filter(k -> k.id().equals(old.id())).findFirst().orElseThrow();
        assertThat(listed.expiresAt()).isEqualTo(expiry);
    }

    @AcrossDatabases
    void a_revoked_key_cannot_be_rotated(TestPlane t) {
        CreatedApiKey key = key(t);
        t.plane().keys().revoke(t.actor(), key.id());

        assertThatThrownBy(() -> t.plane().keys().rotate(t.actor(), key.id(), new KeyRotation(null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("revoked");
    }

    @AcrossDatabases
    void an_expiring_key_stops_at_its_expiry_even_when_cached(TestPlane t) {
        Instant expiry = t.clock().instant().plusSeconds(2);
        CreatedApiKey key = t.plane().keys().create(t.actor(), new NewApiKey("temp", "viewer", null, expiry, null));
        assertThat(key.expiresAt()).isEqualTo(expiry);
        assertThat(t.plane().keys().authenticate(key.key())).isPresent();

        t.clock().advance(Duration.ofSeconds(2));

        assertThat(t.plane().keys().authenticate(key.key())).isEmpty();
    }

    @AcrossDatabases
    void the_listing_shows_expiry_revocation_and_rate_limit(TestPlane t) {
        Instant expiry = t.clock().instant().plus(Duration.ofDays(7));
        CreatedApiKey key = t.plane().keys().create(t.actor(), new NewApiKey("limited", "viewer", null, expiry, 120));
        t.plane().keys().revoke(t.actor(), key.id());

        ApiKey listed = t.plane().keys().list(t.actor(), PageRequest.first(10)).items().get(0);

        assertThat(listed.expiresAt()).isEqualTo(expiry);
        assertThat(listed.revokedAt()).isNotNull();
        assertThat(listed.rateLimitPerMinute()).isEqualTo(120);
    }

    @AcrossDatabases
    void a_past_expiry_a_zero_rate_limit_and_an_overlong_grace_are_refused(TestPlane t) {
        Instant past = t.clock().instant().minusSeconds(1);

        assertThatThrownBy(() -> t.plane().keys().create(t.actor(), new NewApiKey("k", "viewer", null, past, null)))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(pointerOf(e)).isEqualTo("/expires_at"));
        assertThatThrownBy(() -> t.plane().keys().create(t.actor(), new NewApiKey("k", "viewer", null, null, 0)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(pointerOf(e)).isEqualTo("/rate_limit_per_minute"));
        CreatedApiKey key = key(t);
        assertThatThrownBy(() -> t.plane().keys().rotate(t.actor(), key.id(), new KeyRotation(Duration.ofDays(31).toSeconds())))
                .isInstanceOf(InvalidInputException.class).satisfies(e -> assertThat(pointerOf(e)).isEqualTo("/grace_seconds"));
        assertThat(t.plane().keys().list(t.actor(), PageRequest.first(10)).items()).hasSize(1);
    }
}

package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");
    private static final Instant EXPIRY = NOW.plus(Duration.ofDays(30));

    private static ApiToken issuedBy(String createdBy) {
        return new ApiToken("hr-feed", Role.HR_INTEGRATION, null, "hash", createdBy, NOW, EXPIRY);
    }

    @Test
    void a_token_is_usable_until_it_expires() {
        ApiToken token = issuedBy(ApiToken.issuedBy("admin"));
        assertNull(token.refusal(NOW));
        assertNull(token.refusal(EXPIRY.minusMillis(1)));
        assertEquals("expired", token.refusal(EXPIRY));
    }

    @Test
    void a_revoked_token_is_refused_at_once_and_keeps_its_first_revocation() {
        ApiToken token = issuedBy("bootstrap");
        token.revoke(NOW.plusSeconds(10));
        token.revoke(NOW.plusSeconds(20));
        assertEquals("revoked", token.refusal(NOW.plusSeconds(11)));
        assertEquals("revoked", token.refusal(EXPIRY), "revoked says more than expired");
        assertEquals(NOW.plusSeconds(10), token.revokedAt());
    }

    @Test
    void a_token_depends_on_the_standing_of_the_person_who_issued_it() {
        assertEquals(Optional.of("admin"), issuedBy(ApiToken.issuedBy("admin")).issuingPerson());
        assertEquals(Optional.empty(), issuedBy("bootstrap").issuingPerson(), "the operator's token");
        assertEquals(Optional.empty(), issuedBy("token:other").issuingPerson());
    }

    @Test
    void a_department_owners_token_owns_its_one_department_and_other_tokens_none() {
        ApiToken owner = new ApiToken("reports", Role.DEPARTMENT_OWNER, "d", "hash", "person:admin", NOW, EXPIRY);
        assertEquals(Set.of("d"), owner.ownedDepartments());
        assertEquals(Set.of(), issuedBy("bootstrap").ownedDepartments());
    }

    @Test
    void a_token_carries_any_role_but_hr_staff_and_supervisor_which_are_for_people() {
        assertTrue(ApiToken.mayCarry(Role.HR_INTEGRATION));
        assertTrue(ApiToken.mayCarry(Role.DEPARTMENT_OWNER));
        assertFalse(ApiToken.mayCarry(Role.HR_STAFF));
        assertFalse(ApiToken.mayCarry(Role.SUPERVISOR));
    }

    @Test
    void a_new_token_expires_in_the_future_and_within_the_longest_validity() {
        Duration max = Duration.ofDays(365);
        assertTrue(ApiToken.expiryAllowed(EXPIRY, NOW, max));
        assertTrue(ApiToken.expiryAllowed(NOW.plus(max), NOW, max));
        assertFalse(ApiToken.expiryAllowed(NOW, NOW, max));
        assertFalse(ApiToken.expiryAllowed(NOW.plus(max).plusSeconds(1), NOW, max));
    }

    @Test
    void use_is_recorded_at_most_once_a_minute() {
        ApiToken token = issuedBy("bootstrap");
        assertTrue(token.usedAt(NOW));
        assertFalse(token.usedAt(NOW.plusSeconds(60)));
        assertTrue(token.usedAt(NOW.plusSeconds(61)));
        assertEquals(NOW.plusSeconds(61), token.lastUsedAt());
    }
}

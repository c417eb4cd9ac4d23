package edu.ucla.dgsom.escrow.credentials.entity;

import static edu.ucla.dgsom.escrow.credentials.entity.CredentialField.LOGIN_IDENTIFIER;
import static edu.ucla.dgsom.escrow.credentials.entity.CredentialField.NOTES;
import static edu.ucla.dgsom.escrow.credentials.entity.CredentialField.PASSWORD;
import static edu.ucla.dgsom.escrow.credentials.entity.CredentialField.RECOVERY_CODES;
import static edu.ucla.dgsom.escrow.credentials.entity.CredentialField.TOTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.problems.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialVersionTest {

    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    private static CredentialVersion first(Set<CredentialField> fields) {
        return CredentialVersion.successor(null, fields, Set.of(), false).create("account", "first set", "dgit", NOW);
    }

    private static String field(ProblemException e) {
        return e.errors().get(0).field();
    }

    @Test
    void the_first_version_holds_what_is_set_and_all_of_it_changed() {
        CredentialVersion.Successor next = CredentialVersion.successor(null, Set.of(LOGIN_IDENTIFIER, PASSWORD),
                Set.of(), false);
        assertEquals(1, next.version());
        assertEquals(Set.of(LOGIN_IDENTIFIER, PASSWORD), next.fields());
        assertEquals(Set.of(), next.carried());
        assertEquals(Set.of(LOGIN_IDENTIFIER, PASSWORD), next.changed());
    }

    @Test
    void a_rotation_carries_over_what_it_does_not_set_or_clear() {
        CredentialVersion current = first(Set.of(LOGIN_IDENTIFIER, PASSWORD, TOTP, NOTES));
        CredentialVersion.Successor next = CredentialVersion.successor(current, Set.of(PASSWORD), Set.of(NOTES),
                false);
        assertEquals(2, next.version());
        assertEquals(Set.of(LOGIN_IDENTIFIER, TOTP), next.carried());
        assertEquals(Set.of(PASSWORD, NOTES), next.changed());
        assertEquals(Set.of(LOGIN_IDENTIFIER, PASSWORD, TOTP), next.fields());
        CredentialVersion created = next.create("account", "rotated after a leaver", "owner", NOW);
        assertEquals(Set.of(PASSWORD, NOTES), created.changedFields());
        assertEquals(2, created.version());
    }

    @Test
    void clearing_a_field_the_version_does_not_hold_changes_nothing() {
        CredentialVersion current = first(Set.of(PASSWORD));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CredentialVersion.successor(current, Set.of(), Set.of(NOTES), false));
        assertEquals("request", field(refused));
    }

    @Test
    void a_field_cannot_be_set_and_cleared_at_once() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CredentialVersion.successor(first(Set.of(PASSWORD)), Set.of(PASSWORD), Set.of(PASSWORD), false));
        assertEquals("clear", field(refused));
    }

    @Test
    void a_credential_set_keeps_at_least_one_field() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CredentialVersion.successor(first(Set.of(PASSWORD)), Set.of(), Set.of(PASSWORD), false));
        assertEquals("clear", field(refused));
    }

    @Test
    void marking_recovery_codes_used_changes_them_and_needs_some() {
        CredentialVersion withCodes = first(Set.of(PASSWORD, RECOVERY_CODES));
        CredentialVersion.Successor next = CredentialVersion.successor(withCodes, Set.of(), Set.of(), true);
        assertEquals(Set.of(RECOVERY_CODES), next.changed());
        assertEquals(Set.of(PASSWORD, RECOVERY_CODES), next.carried());
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CredentialVersion.successor(first(Set.of(PASSWORD)), Set.of(), Set.of(), true));
        assertEquals("recoveryCodesUsed", field(refused));
    }

    @Test
    void fields_are_named_by_their_keys_and_an_unknown_key_is_refused_by_name() {
        assertEquals(Set.of(PASSWORD, TOTP), CredentialField.named("fields", List.of("password", "totp")));
        assertEquals("loginIdentifier,password", CredentialField.keys(Set.of(PASSWORD, LOGIN_IDENTIFIER)));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CredentialField.named("clear", List.of("pin")));
        assertEquals("clear", field(refused));
    }
}

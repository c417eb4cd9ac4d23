package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An account restored from a disaster-recovery export, without a container. */
class RestoredAccountTest {

    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final Instant UPDATED = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant ROTATED = Instant.parse("2026-03-01T00:00:00Z");
    private static final RotationInterval INTERVAL = new RotationInterval(180, RotationInterval.Source.DEFAULT);

    private static OfficialAccount restored(AccountStatus status, boolean escrowed) {
        return OfficialAccount.restored("a-1", Platform.X, null, "dgsom", null, "DGSOM", "dept-1",
                AccountStanding.restored(status, "a post", UPDATED, null, escrowed), "owner", "moderator", null,
                CREATED, UPDATED, "person:restorer");
    }

    @Test
    void a_restored_account_keeps_its_id_standing_and_times_and_its_versions_their_dates() {
        OfficialAccount account = restored(AccountStatus.SUSPENDED, true);
        account.credentialsRestored(new RotatedCredentials(3, true, List.of("password", "totp"), true,
                new RecoveryFacts(false, false, "rules")), INTERVAL, ROTATED);

        assertEquals("a-1", account.id());
        assertEquals(AccountStatus.SUSPENDED, account.status());
        assertEquals("a post", account.standing().statusReason());
        assertEquals(CREATED, account.createdAt());
        assertEquals(UPDATED, account.updatedAt(), "a restored version does not touch the account");
        assertEquals(3, account.credentialVersion());
        assertEquals(ROTATED.plusSeconds(180L * 86_400), account.rotation().dueAt(), "scheduled from its rotation");
        assertNull(account.standing().approvalRequestId());
        account.reinstate("the post was removed", "person:admin", UPDATED);
        assertEquals(AccountStatus.ACTIVE, account.status(), "a suspension of an escrowed account returns to ACTIVE");
    }

    @Test
    void restored_versions_come_oldest_first() {
        OfficialAccount account = restored(AccountStatus.ACTIVE, true);
        account.credentialsRestored(new RotatedCredentials(2, false, List.of("password"), true,
                new RecoveryFacts(false, false, "rules")), INTERVAL, ROTATED);
        assertThrows(IllegalStateException.class, () -> account.credentialsRestored(new RotatedCredentials(2, false,
                List.of("password"), true, new RecoveryFacts(false, false, "rules")), INTERVAL, ROTATED));
    }
}

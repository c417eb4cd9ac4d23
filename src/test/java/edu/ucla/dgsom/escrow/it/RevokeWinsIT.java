package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A revocation that commits while a reveal or rotation waits for the account's row lock wins: the permission is
 * checked again after the lock. The test holds the row lock itself, so the order is certain: the request is waiting
 * on the lock (seen in the process list) when the revocation commits, and runs only once the lock is freed.
 */
@ExtendWith(LiveService.class)
class RevokeWinsIT {

    @Test
    void a_department_owner_whose_role_is_revoked_while_their_reveal_waits_for_the_lock_is_refused() throws Exception {
        raceAgainstRevocation("REVR", (fixture) -> CredentialsIT.reveal(fixture.owner().api(), fixture,
                "Posting as the department"));
    }

    @Test
    void a_department_owner_whose_role_is_revoked_while_their_rotation_waits_for_the_lock_is_refused()
            throws Exception {
        raceAgainstRevocation("ROTR", (fixture) -> CredentialsIT.rotate(fixture.owner().api(), fixture, 1,
                Json.createObjectBuilder().add("reason", "Rotating after a breach").add("password",
                        TestSecrets.remember("late-" + UUID.randomUUID()))));
    }

    private static void raceAgainstRevocation(String code, Function<CredentialsIT.Fixture, Api.Reply> request)
            throws Exception {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create(code);
        String password = TestSecrets.remember("revoke-wins-" + UUID.randomUUID());
        assertEquals(201, CredentialsIT.rotate(fixture.owner().api(), fixture, 0, Json.createObjectBuilder()
                .add("reason", "Escrow at registration").add("password", password)).status());
        String grant = People.grantId(fixture.owner().personId(), "DEPARTMENT_OWNER");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Api.Reply> reply;
        try (Connection lock = TestDatabase.connect()) {
            lock.setAutoCommit(false);
            try (PreparedStatement hold = lock.prepareStatement(
                    "SELECT id FROM official_account WHERE id = ? FOR UPDATE")) {
                hold.setString(1, fixture.accountId());
                hold.executeQuery().close();
            }
            long thread;
            try (Statement statement = lock.createStatement();
                    ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                id.next();
                thread = id.getLong(1);
            }
            reply = pool.submit(() -> request.apply(fixture));
            awaitLockWait(thread);
            Api.Reply revoked = People.admin().delete("/api/v1/people/" + fixture.owner().personId() + "/roles/"
                    + grant);
            assertEquals(204, revoked.status(), revoked::toString);
            lock.rollback();
        } finally {
            pool.shutdown();
        }
        Api.Reply refused = reply.get();
        assertProblem(refused, 404, "not-found");
        assertFalse(refused.body().contains(password));
        assertEquals(1, People.admin().get("/api/v1/accounts/" + fixture.accountId()).json()
                .getInt("credentialVersion"), "no rotation happened");
    }

    /**
     * Until a request of the service waits for the account row the test's connection holds: its locking read of the
     * row is still running on two looks a quarter second apart. Asked through the process list: MariaDB may wait for
     * the row while it optimises the statement (state "Statistics"), where INNODB_TRX does not show the wait.
     */
    private static void awaitLockWait(long blockingThread) throws Exception {
        String waiting = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID NOT IN (CONNECTION_ID(), "
                + blockingThread + ") AND INFO LIKE '%FROM official_account%' AND INFO LIKE '%FOR UPDATE%'";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int seen = 0;
        while (seen < 2) {
            if (Instant.now().isAfter(deadline)) {
                fail("the request never waited for the account's row lock");
            }
            seen = TestDatabase.count(waiting) > 0 ? seen + 1 : 0;
            Thread.sleep(250);
        }
    }
}

package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DGIT keeps an active admin with MFA, however many removals race, and whichever way (role, HR, SCIM) they come. */
@ExtendWith(LiveService.class)
class AdministratorsIT {

    private static final String SCIM = "application/scim+json";

    private static String adminGrant(String personId) {
        return Api.admin().get("/api/v1/people/" + personId).json().getJsonArray("roles").getValuesAs(JsonObject.class)
                .stream().filter(g -> g.getString("role").equals("DGIT_ADMIN")).findFirst().orElseThrow()
                .getString("id");
    }

    /**
     * The active DGIT admins with MFA other than {@code kept}, as a SQL list: the shared database's admins (the
     * bootstrap admin, the run's admin, other tests' admins), to be set aside (mfa_state PENDING) while a test needs
     * "the last admin with MFA", and put back exactly afterwards.
     */
    private static String otherAdminsWithMfa(String... kept) throws Exception {
        String others = "SELECT s.person_id FROM escrow.sign_in s JOIN escrow.role_grant g ON g.person_id ="
                + " s.person_id AND g.role = 'DGIT_ADMIN' JOIN escrow.person p ON p.id = s.person_id"
                + " WHERE p.status = 'ACTIVE' AND s.mfa_state = 'ENROLLED' AND s.person_id NOT IN ('"
                + String.join("', '", kept) + "')";
        List<String> setAside = new ArrayList<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(others)) {
            while (rows.next()) {
                setAside.add("'" + rows.getString(1) + "'");
            }
        }
        return setAside.isEmpty() ? "''" : String.join(",", setAside);
    }

    private static long lockWaits() throws Exception {
        return TestDatabase.count("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'");
    }

    @Test
    void twoAdminsRevokingEachOthersRoleAtOnceLeaveExactlyOneAdminWithMfa() throws Exception {
        String department = People.createDepartment("ADMINS-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session a = People.dgitAdmin(department);
        People.Session b = People.dgitAdmin(department);
        String grantOfA = adminGrant(a.personId());
        String grantOfB = adminGrant(b.personId());
        // So that the race is about the last admin with MFA, the shared database's other admins with MFA (the
        // bootstrap admin, other tests' admins) are set aside while it runs; they stay admins, without MFA.
        String ids = otherAdminsWithMfa(a.personId(), b.personId());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection guard = TestDatabase.connect()) {
            TestDatabase.update("UPDATE escrow.sign_in SET mfa_state = 'PENDING' WHERE person_id IN (" + ids + ")");
            // The test holds the guard row, so both removals are in flight, past their access checks, at once.
            guard.setAutoCommit(false);
            try (Statement statement = guard.createStatement()) {
                statement.executeQuery("SELECT removals FROM escrow.admin_guard WHERE id = 1 FOR UPDATE").close();
            }
            List<Future<Api.Reply>> replies = List.of(
                    pool.submit(() -> a.api().delete("/api/v1/people/" + b.personId() + "/roles/" + grantOfB)),
                    pool.submit(() -> b.api().delete("/api/v1/people/" + a.personId() + "/roles/" + grantOfA)));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (lockWaits() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(2, lockWaits(), "both removals wait for the guard");
            guard.commit();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                statuses.add(reply.get().status());
                if (reply.get().status() == 409) {
                    PlatformIT.assertProblem(reply.get(), 409, "conflict");
                }
            }
            statuses.sort(Integer::compare);
            assertEquals(List.of(204, 409), statuses, "exactly one removal passes");
        } finally {
            pool.shutdownNow();
            TestDatabase.update("UPDATE escrow.sign_in SET mfa_state = 'ENROLLED' WHERE person_id IN (" + ids + ")");
        }
        long remaining = TestDatabase.count("SELECT COUNT(*) FROM escrow.role_grant g JOIN escrow.sign_in s ON"
                + " s.person_id = g.person_id WHERE g.role = 'DGIT_ADMIN' AND s.mfa_state = 'ENROLLED' AND"
                + " g.person_id IN ('" + a.personId() + "', '" + b.personId() + "')");
        assertEquals(1, remaining, "one of the two remains an admin, with MFA");
        assertTrue(TestDatabase.count("SELECT COUNT(*) FROM escrow.admin_guard WHERE removals > 0") == 1);
    }

    @Test
    void theLastAdminWithMfaIsNeitherOffboardedByHrNorDeactivatedNorDeletedByScim() throws Exception {
        String department = People.createDepartment("LASTWAY-" + UUID.randomUUID().toString().substring(0, 4));
        People.Session last = People.dgitAdmin(department);
        String employeeId = OffboardingIT.employeeId(last.personId());
        // Made before the window: while it lasts, the run's admin person, who issues tokens, is set aside too.
        Api hr = Api.live().bearer(People.token("HR_INTEGRATION"));
        Api scim = hr.with("Accept", SCIM);
        String ids = otherAdminsWithMfa(last.personId());
        Api.Reply request;
        Api.Reply deactivated;
        Api.Reply deleted;
        try {
            TestDatabase.update("UPDATE escrow.sign_in SET mfa_state = 'PENDING' WHERE person_id IN (" + ids + ")");
            request = hr.post("/api/v1/offboardings", Json.createObjectBuilder().add("employeeId", employeeId)
                    .build().toString());
            deactivated = scim.send("PATCH", "/scim/v2/Users/" + last.personId(), "{\"schemas\":[\"urn:ietf:params"
                    + ":scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\","
                    + "\"value\":\"False\"}]}", "Content-Type", SCIM);
            deleted = scim.delete("/scim/v2/Users/" + last.personId());
        } finally {
            TestDatabase.update("UPDATE escrow.sign_in SET mfa_state = 'ENROLLED' WHERE person_id IN (" + ids + ")");
        }
        PlatformIT.assertProblem(request, 409, "conflict");
        assertTrue(request.json().getString("detail").contains("active admin with MFA"), request::body);
        for (Api.Reply reply : List.of(deactivated, deleted)) {
            assertEquals(409, reply.status(), reply::toString);
            assertTrue(reply.contentType().startsWith(SCIM), reply::toString);
            assertEquals("409", reply.json().getString("status"), reply::body);
            assertTrue(reply.json().getString("detail").contains("active admin with MFA"), reply::body);
        }
        JsonObject person = Api.admin().get("/api/v1/people/" + last.personId()).json();
        assertEquals("ACTIVE", person.getString("status"), person::toString);
        assertTrue(person.getJsonArray("roles").getValuesAs(JsonObject.class).stream()
                .anyMatch(g -> g.getString("role").equals("DGIT_ADMIN")), person::toString);
        assertEquals(0, TestDatabase.count("SELECT COUNT(*) FROM escrow.offboarding_case WHERE person_id = '"
                + last.personId() + "'"), "no case was opened");
        assertEquals(200, last.api().get("/api/v1/session").status(), "the admin is still signed in");
        assertEquals(200, scim.get("/scim/v2/Users/" + last.personId()).status(), "the SCIM user is still there");
    }
}

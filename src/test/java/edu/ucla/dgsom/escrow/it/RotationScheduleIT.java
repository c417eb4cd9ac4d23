package edu.ucla.dgsom.escrow.it;

import static edu.ucla.dgsom.escrow.it.CredentialsIT.assertField;
import static edu.ucla.dgsom.escrow.it.PlatformIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.it.Reminded.Received;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rotation schedule: each account's interval (its own, else its platform's, else the global default), due dates
 * that move with every new password or TOTP seed, reminders by mail at 14 and 3 days before, at and 7 days after the
 * due date, and the list of what is due. Time is moved by SQL; reminders arrive within a few scheduler ticks.
 */
@ExtendWith(LiveService.class)
class RotationScheduleIT {

    private static final int DEFAULT_DAYS = 180;

    private static String register(CredentialsIT.Fixture fixture, String platform) {
        Api.Reply created = fixture.owner().api().post("/api/v1/accounts", Json.createObjectBuilder()
                .add("platform", platform).add("handle", "@rot-" + UUID.randomUUID())
                .add("displayName", "Rotation " + platform).add("departmentId", fixture.departmentId())
                .add("contentOwnerId", fixture.contentOwner().personId())
                .add("backupModeratorId", fixture.moderator().personId()).build().toString());
        assertEquals(201, created.status(), created::toString);
        return created.json().getString("id");
    }

    private static void store(Api api, String accountId, int replacing, String field, String value) {
        Api.Reply stored = api.send("PUT", "/api/v1/accounts/" + accountId + "/credentials",
                Json.createObjectBuilder().add("reason", "Rotation schedule test").add(field, value).build().toString(),
                "Content-Type", "application/json", "If-Match", "\"" + replacing + "\"");
        assertEquals(201, stored.status(), stored::toString);
    }

    private static String password() {
        return TestSecrets.remember("Rot-" + UUID.randomUUID().toString().substring(0, 12));
    }

    private static JsonObject account(String accountId) {
        return Api.admin().get("/api/v1/accounts/" + accountId).json();
    }

    private static Instant instant(JsonObject object, String field) {
        return Instant.parse(object.getString(field));
    }

    private static Api.Reply setInterval(Api api, String accountId, String body) {
        return api.send("PUT", "/api/v1/accounts/" + accountId + "/rotation-interval", body,
                "Content-Type", "application/json");
    }

    /** An escrowed account of a new department. */
    private static Escrowed escrowed(String code) {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create(code);
        OffboardingIT.store(fixture);
        return new Escrowed(fixture, account(fixture.accountId()).getString("handle"));
    }

    private record Escrowed(CredentialsIT.Fixture fixture, String handle) {

        String id() {
            return fixture.accountId();
        }

        /**
         * Makes the account due at {@code offset} from now, waits for the one reminder that follows, and answers every
         * mail about the account so far.
         */
        Set<Received> remindedWhenDue(String offset) throws Exception {
            long before = Reminded.claims(List.of(id()));
            Reminded.dueIn(List.of(id()), offset, DEFAULT_DAYS);
            Reminded.awaitReminders(List.of(id()), before + 1);
            List<Received> mails = Reminded.mailsAbout(handle);
            assertEquals(mails.size(), Set.copyOf(mails).size(), () -> "one mail per recipient: " + mails);
            return Set.copyOf(mails);
        }

        Set<String> recipients(Set<Received> mails) {
            return mails.stream().map(Received::recipient).collect(Collectors.toSet());
        }
    }

    @Test
    void an_accounts_own_interval_wins_over_its_platforms_and_the_platforms_over_the_global_default() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("ROTI");
        OffboardingIT.store(fixture);
        String tiktok = register(fixture, "tiktok");
        store(fixture.owner().api(), tiktok, 0, "password", password());

        JsonObject instagram = account(fixture.accountId());
        assertEquals(DEFAULT_DAYS, instagram.getInt("rotationIntervalDays"));
        assertEquals("DEFAULT", instagram.getString("rotationIntervalSource"));
        assertEquals(instant(instagram, "lastRotatedAt").plus(Duration.ofDays(DEFAULT_DAYS)),
                instant(instagram, "nextRotationDueAt"));
        JsonObject platform = account(tiktok);
        assertEquals(90, platform.getInt("rotationIntervalDays"), "TIKTOK=90 in ESCROW_ROTATION_PLATFORM_DAYS");
        assertEquals("PLATFORM", platform.getString("rotationIntervalSource"));
        assertEquals(instant(platform, "lastRotatedAt").plus(Duration.ofDays(90)),
                instant(platform, "nextRotationDueAt"));

        Api.Reply own = setInterval(fixture.owner().api(), tiktok,
                "{\"days\":30,\"reason\":\"Shared with an agency\"}");
        assertEquals(200, own.status(), own::toString);
        assertEquals(30, own.json().getInt("rotationIntervalDays"));
        assertEquals("ACCOUNT", own.json().getString("rotationIntervalSource"));
        assertEquals(instant(platform, "lastRotatedAt").plus(Duration.ofDays(30)),
                instant(own.json(), "nextRotationDueAt"), "the due date moves with the interval");
        assertEquals(1, count("action = 'ROTATION_INTERVAL' AND outcome = 'ALLOWED' AND target_id = '" + tiktok
                + "' AND reason = 'Shared with an agency' AND details LIKE '%90 PLATFORM%' AND details LIKE"
                + " '%30 ACCOUNT%'"));

        Api.Reply cleared = Api.admin().delete("/api/v1/accounts/" + tiktok + "/rotation-interval");
        assertEquals(200, cleared.status(), cleared::toString);
        assertEquals(90, cleared.json().getInt("rotationIntervalDays"));
        assertEquals("PLATFORM", cleared.json().getString("rotationIntervalSource"));
        assertEquals(instant(platform, "nextRotationDueAt"), instant(cleared.json(), "nextRotationDueAt"));

        JsonObject unescrowed = account(register(fixture, "x"));
        assertEquals(120, unescrowed.getInt("rotationIntervalDays"));
        assertFalse(unescrowed.containsKey("nextRotationDueAt"), "nothing is due before the first escrow");
    }

    @Test
    void an_interval_is_set_by_the_accounts_stewards_with_a_reason_and_1_to_730_days() {
        CredentialsIT.Fixture fixture = CredentialsIT.Fixture.create("ROTV");
        String id = fixture.accountId();
        assertField(setInterval(fixture.owner().api(), id, "{\"days\":0,\"reason\":\"Too short\"}"), 400, "days");
        assertField(setInterval(fixture.owner().api(), id, "{\"days\":731,\"reason\":\"Too long\"}"), 400, "days");
        assertField(setInterval(fixture.owner().api(), id, "{\"reason\":\"No days\"}"), 400, "days");
        assertField(setInterval(fixture.owner().api(), id, "{\"days\":60}"), 400, "reason");
        assertField(setInterval(fixture.owner().api(), id, "{\"days\":60,\"reason\":\" \"}"), 400, "reason");
        assertProblem(setInterval(fixture.contentOwner().api(), id, "{\"days\":60,\"reason\":\"A holder tries\"}"),
                403, "forbidden");
        CredentialsIT.Fixture other = CredentialsIT.Fixture.create("ROTW");
        assertProblem(setInterval(other.owner().api(), id, "{\"days\":60,\"reason\":\"Another department\"}"), 404,
                "not-found");
        Api.Reply set = setInterval(Api.admin(), id, "{\"days\":730,\"reason\":\"DGIT decides\"}");
        assertEquals(200, set.status(), set::toString);
        assertEquals(730, set.json().getInt("rotationIntervalDays"));
        assertEquals("ACCOUNT", account(id).getString("rotationIntervalSource"), "kept before the first escrow too");
    }

    @Test
    void every_rotation_that_replaces_the_password_or_totp_seed_moves_the_due_date() throws Exception {
        Escrowed account = escrowed("ROTM");
        Api api = account.fixture().owner().api();
        JsonObject first = account(account.id());
        store(api, account.id(), 1, "notes", TestSecrets.remember("New notes " + UUID.randomUUID()));
        JsonObject notes = account(account.id());
        assertEquals(first.getString("lastRotatedAt"), notes.getString("lastRotatedAt"), "new notes are no rotation");
        assertEquals(first.getString("nextRotationDueAt"), notes.getString("nextRotationDueAt"));
        Thread.sleep(5);
        store(api, account.id(), 2, "password", password());
        JsonObject rotated = account(account.id());
        assertTrue(instant(rotated, "lastRotatedAt").isAfter(instant(first, "lastRotatedAt")), rotated::toString);
        assertEquals(instant(rotated, "lastRotatedAt").plus(Duration.ofDays(DEFAULT_DAYS)),
                instant(rotated, "nextRotationDueAt"));
        Api.Reply seed = CredentialsIT.rotate(api, account.fixture(), 3, Json.createObjectBuilder()
                .add("reason", "A new TOTP seed").add("totp", Json.createObjectBuilder().add("uri",
                "otpauth://totp/DGSOM:rot?secret=" + TestSecrets.remember(CredentialsIT.base32(UUID.randomUUID()
                .toString().getBytes(StandardCharsets.US_ASCII))) + "&issuer=DGSOM")));
        assertEquals(201, seed.status(), seed::toString);
        assertTrue(instant(account(account.id()), "nextRotationDueAt").isAfter(instant(rotated, "nextRotationDueAt")));
    }

    @Test
    void the_content_owner_is_reminded_14_days_and_3_days_before_the_due_date() throws Exception {
        Escrowed account = escrowed("ROT14");
        String contentOwner = Reminded.email(account.fixture().contentOwner().personId());
        Set<Received> d14 = account.remindedWhenDue("13 DAY");
        assertEquals(Set.of(contentOwner), account.recipients(d14), d14::toString);
        assertTrue(d14.iterator().next().subject().contains("(D14)"), d14::toString);
        assertEquals(Map.of("D14", 1L), Reminded.stages(account.id()));

        Set<Received> both = account.remindedWhenDue("2 DAY");
        assertEquals(2, both.size(), "a moved due date is a new cycle: " + both);
        assertTrue(both.stream().allMatch(m -> m.recipient().equals(contentOwner)), both::toString);
        assertTrue(both.stream().anyMatch(m -> m.subject().contains("(D3)")), both::toString);
        assertEquals(Map.of("D14", 1L, "D3", 1L), Reminded.stages(account.id()));
        assertEquals(2, count("action = 'POLICY_REMINDER' AND actor_type = 'SYSTEM' AND target_id = '"
                + account.id() + "'"));
    }

    @Test
    void at_the_due_date_the_content_owner_and_the_department_owner_are_reminded() throws Exception {
        Escrowed account = escrowed("ROTDUE");
        Set<Received> due = account.remindedWhenDue("-1 HOUR");
        assertEquals(Set.of(Reminded.email(account.fixture().contentOwner().personId()),
                Reminded.email(account.fixture().owner().personId())), account.recipients(due), due::toString);
        assertEquals(Map.of("DUE", 1L), Reminded.stages(account.id()), "a late start sends only the latest stage");
    }

    @Test
    void seven_days_after_the_due_date_dgit_is_reminded_and_only_that_stage_is_sent() throws Exception {
        Escrowed account = escrowed("ROT7");
        Set<String> recipients = account.recipients(account.remindedWhenDue("-8 DAY"));
        assertTrue(recipients.contains(Reminded.email(People.adminId())), recipients::toString);
        assertFalse(recipients.contains(Reminded.email(account.fixture().contentOwner().personId())));
        assertFalse(recipients.contains(Reminded.email(account.fixture().owner().personId())));
        assertEquals(Map.of("OVERDUE7", 1L), Reminded.stages(account.id()), "a late start sends only the latest stage");
    }

    @Test
    void while_an_account_is_suspended_every_reminder_goes_to_dgit() throws Exception {
        Escrowed account = escrowed("ROTSUS");
        Api.Reply suspended = Api.admin().post("/api/v1/accounts/" + account.id() + "/suspension",
                "{\"reason\":\"Posts under review by DGIT\"}");
        assertEquals(200, suspended.status(), suspended::toString);
        Set<String> recipients = account.recipients(account.remindedWhenDue("13 DAY"));
        assertTrue(recipients.contains(Reminded.email(People.adminId())), recipients::toString);
        assertFalse(recipients.contains(Reminded.email(account.fixture().contentOwner().personId())));
    }

    @Test
    void the_due_list_filters_by_department_and_holder_includes_flags_and_overdue_and_sorts_by_due_date()
            throws Exception {
        CredentialsIT.Fixture a = CredentialsIT.Fixture.create("ROTLA");
        OffboardingIT.store(a);
        String flagged = register(a, "facebook");
        store(a.owner().api(), flagged, 0, "password", password());
        String overdueFlag = register(a, "linkedin");
        store(a.owner().api(), overdueFlag, 0, "password", password());
        CredentialsIT.Fixture b = CredentialsIT.Fixture.create("ROTLB");
        OffboardingIT.store(b);
        Reminded.dueIn(List.of(a.accountId()), "20 DAY", DEFAULT_DAYS);
        Reminded.dueIn(List.of(b.accountId()), "40 DAY", DEFAULT_DAYS);
        TestDatabase.update("UPDATE official_account SET rotation_required_since = UTC_TIMESTAMP(6), rotation_due_at"
                + " = UTC_TIMESTAMP(6) + INTERVAL 25 DAY WHERE id = '" + flagged + "'");
        TestDatabase.update("UPDATE official_account SET rotation_required_since = UTC_TIMESTAMP(6) - INTERVAL 9 DAY,"
                + " rotation_due_at = UTC_TIMESTAMP(6) - INTERVAL 2 DAY WHERE id = '" + overdueFlag + "'");

        JsonObject listed = Api.admin().get("/api/v1/rotations/due?departmentId=" + a.departmentId()).json();
        assertEquals("P30D", listed.getString("within"));
        assertFalse(listed.getBoolean("truncated"));
        List<JsonObject> items = listed.getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(List.of(overdueFlag, a.accountId(), flagged), ids(items), "by due date, overdue first");
        assertEquals("REQUIRED", items.get(0).getString("reason"));
        assertTrue(items.get(0).getBoolean("overdue"));
        assertEquals("SCHEDULED", items.get(1).getString("reason"));
        assertFalse(items.get(1).getBoolean("overdue"));
        assertEquals(DEFAULT_DAYS, items.get(1).getInt("intervalDays"));
        assertEquals("DEFAULT", items.get(1).getString("intervalSource"));
        assertEquals(a.contentOwner().personId(), items.get(1).getString("contentOwnerId"));
        assertEquals(a.departmentId(), items.get(1).getString("departmentId"));
        assertTrue(items.get(1).containsKey("lastRotatedAt"));
        assertEquals("REQUIRED", items.get(2).getString("reason"), "the flag is earlier than the schedule");

        assertEquals(List.of(), ids(Api.admin().get("/api/v1/rotations/due?within=P30D&departmentId="
                + b.departmentId()).json().getJsonArray("items").getValuesAs(JsonObject.class)));
        assertEquals(List.of(b.accountId()), ids(Api.admin().get("/api/v1/rotations/due?within=P6W&departmentId="
                + b.departmentId()).json().getJsonArray("items").getValuesAs(JsonObject.class)));
        JsonObject limited = Api.admin().get("/api/v1/rotations/due?limit=1&departmentId=" + a.departmentId()).json();
        assertEquals(List.of(overdueFlag), ids(limited.getJsonArray("items").getValuesAs(JsonObject.class)));
        assertTrue(limited.getBoolean("truncated"));

        String b2 = register(b, "youtube");
        store(b.owner().api(), b2, 0, "password", password());
        Reminded.dueIn(List.of(b2), "50 DAY", DEFAULT_DAYS);
        TestDatabase.update("UPDATE official_account SET content_owner_id = '" + a.contentOwner().personId()
                + "', backup_moderator_id = '" + b.moderator().personId() + "' WHERE id = '" + b2 + "'");
        assertEquals(List.of(a.accountId(), flagged, overdueFlag).stream().sorted().toList(),
                ids(Api.admin().get("/api/v1/rotations/due?within=P30D&holder=" + a.contentOwner().personId())
                        .json().getJsonArray("items").getValuesAs(JsonObject.class)).stream().sorted().toList(),
                "holder: the accounts a person holds");
        assertEquals(List.of(a.accountId(), flagged, overdueFlag, b2).stream().sorted().toList(),
                ids(Api.admin().get("/api/v1/rotations/due?within=P366D&holder=" + a.contentOwner().personId())
                        .json().getJsonArray("items").getValuesAs(JsonObject.class)).stream().sorted().toList());
        assertEquals(List.of(overdueFlag, a.accountId(), flagged), ids(a.owner().api()
                .get("/api/v1/rotations/due?within=P366D").json().getJsonArray("items").getValuesAs(JsonObject.class)),
                "a department owner sees their department's");
    }

    @Test
    void a_holder_sees_only_the_accounts_they_hold() throws Exception {
        CredentialsIT.Fixture mine = CredentialsIT.Fixture.create("ROTH");
        OffboardingIT.store(mine);
        Reminded.dueIn(List.of(mine.accountId()), "100 DAY", DEFAULT_DAYS);
        CredentialsIT.Fixture theirs = CredentialsIT.Fixture.create("ROTT");
        OffboardingIT.store(theirs);
        Reminded.dueIn(List.of(theirs.accountId()), "100 DAY", DEFAULT_DAYS);
        Api holder = mine.moderator().api();
        assertEquals(List.of(mine.accountId()), ids(holder.get("/api/v1/rotations/due?within=P366D").json()
                .getJsonArray("items").getValuesAs(JsonObject.class)));
        assertEquals(List.of(), ids(holder.get("/api/v1/rotations/due?within=P366D&holder="
                + theirs.contentOwner().personId()).json().getJsonArray("items").getValuesAs(JsonObject.class)));
        assertEquals(List.of(), ids(holder.get("/api/v1/rotations/due?within=P366D&departmentId="
                + theirs.departmentId()).json().getJsonArray("items").getValuesAs(JsonObject.class)));
    }

    @Test
    void a_malformed_period_or_limit_is_a_400_naming_the_parameter() {
        for (String within : List.of("P1M", "30", "P0D", "P367D", "PT24H", "P1Y", "-P5D", "P", "")) {
            assertField(Api.admin().get("/api/v1/rotations/due?within=" + Api.encode(within)), 400, "within");
        }
        for (String limit : List.of("0", "501", "abc", "-1")) {
            assertField(Api.admin().get("/api/v1/rotations/due?limit=" + limit), 400, "limit");
        }
        assertEquals(200, Api.admin().get("/api/v1/rotations/due?within=P366D&limit=500").status());
        assertProblem(Api.live().get("/api/v1/rotations/due"), 401, "unauthenticated");
    }

    private static List<String> ids(List<JsonObject> items) {
        return items.stream().map(item -> item.getString("accountId")).toList();
    }

    private static long count(String condition) {
        try {
            return TestDatabase.auditCount(condition);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

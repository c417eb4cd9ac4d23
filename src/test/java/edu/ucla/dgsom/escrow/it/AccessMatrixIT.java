package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Role x endpoint: walks the OpenAPI document and calls every operation as every kind of caller. An operation that
 * is not in {@link #RULES} fails the build, so no endpoint is added without deciding who may call it.
 */
@ExtendWith(LiveService.class)
class AccessMatrixIT {

    private static final String ANYONE = "ANONYMOUS";
    /** DGIT_ADMIN is a DGIT admin person with MFA; DGIT_TOKEN an API token with the role DGIT_ADMIN. */
    private static final Set<String> EVERY_CALLER = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR", "HR_INTEGRATION",
            "DEPARTMENT_OWNER", "HR_STAFF", "SUPERVISOR");
    private static final Set<String> ADMIN = Set.of("DGIT_ADMIN", "DGIT_TOKEN");
    /** Roles and tokens: a DGIT admin person with MFA, never a token (a stolen token must not multiply itself). */
    private static final Set<String> ADMIN_PERSON = Set.of("DGIT_ADMIN");
    private static final Set<String> READERS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR", "DEPARTMENT_OWNER");
    /** Departments and people: the readers, and HR's staff, who offboard anyone. */
    private static final Set<String> DIRECTORY_READERS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR",
            "DEPARTMENT_OWNER", "HR_STAFF");
    private static final Set<String> PERSON = Set.of("DGIT_ADMIN", "DEPARTMENT_OWNER", "HR_STAFF", "SUPERVISOR");
    /** Those who may handle secrets: DGIT, department owners (and, per account, its content owner and moderator). */
    private static final Set<String> STEWARDS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "DEPARTMENT_OWNER");
    /**
     * Any person may hold an account (content owner, backup moderator), whatever their role: the role check lets a
     * person of HR's staff through, and an account they do not hold is then not found.
     */
    private static final Set<String> ACCOUNT_READERS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR",
            "DEPARTMENT_OWNER", "HR_STAFF", "SUPERVISOR");
    private static final Set<String> HOLDERS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "DEPARTMENT_OWNER", "HR_STAFF",
            "SUPERVISOR");
    private static final Set<String> HOLDER_PEOPLE = Set.of("DGIT_ADMIN", "DEPARTMENT_OWNER", "HR_STAFF",
            "SUPERVISOR");
    /** Offboarding: HR's system and staff start and follow cases, DGIT too; auditors follow them. */
    private static final Set<String> OFFBOARDERS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION", "HR_STAFF");
    private static final Set<String> OFFBOARDING_READERS = Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION",
            "HR_STAFF", "AUDITOR");

    /** Who may call what. ANONYMOUS means anyone at all. */
    private static final Map<String, Set<String>> RULES = new LinkedHashMap<>();

    static {
        RULES.put("GET /api/v1/installation", Set.of(ANYONE));
        RULES.put("GET /api/v1/keys/audit-public-key", Set.of(ANYONE));
        RULES.put("POST /api/v1/session", Set.of(ANYONE));
        // Campus sign-in: public, and 404 here, where no provider is configured (CampusSignInIT covers it).
        RULES.put("GET /api/v1/session/sso", Set.of(ANYONE));
        RULES.put("GET /api/v1/session/sso/start", Set.of(ANYONE));
        RULES.put("GET /api/v1/session/sso/callback", Set.of(ANYONE));
        RULES.put("POST /api/v1/session/sso/second-factor", Set.of(ANYONE));
        RULES.put("GET /api/v1/session", EVERY_CALLER);
        RULES.put("DELETE /api/v1/session", EVERY_CALLER);
        RULES.put("POST /api/v1/session/password", PERSON);
        RULES.put("POST /api/v1/session/mfa", PERSON);
        RULES.put("POST /api/v1/session/mfa/confirmation", PERSON);
        RULES.put("POST /api/v1/session/mfa/recovery-codes", PERSON);
        RULES.put("GET /api/v1/sessions", PERSON);
        RULES.put("DELETE /api/v1/sessions/others", PERSON);
        RULES.put("DELETE /api/v1/sessions/{id}", PERSON);
        RULES.put("GET /api/v1/keys", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR"));
        RULES.put("POST /api/v1/keys/rotations", ADMIN_PERSON);
        RULES.put("POST /api/v1/keys/root-rotations", ADMIN_PERSON);
        RULES.put("GET /api/v1/keys/rotations", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR"));
        RULES.put("GET /api/v1/keys/rotations/{id}", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR"));
        RULES.put("DELETE /api/v1/keys/{version}", ADMIN_PERSON);
        RULES.put("POST /api/v1/exports/disaster-recovery", ADMIN_PERSON);
        RULES.put("POST /api/v1/restores", ADMIN_PERSON);
        RULES.put("GET /api/v1/departments", DIRECTORY_READERS);
        RULES.put("POST /api/v1/departments", ADMIN);
        RULES.put("GET /api/v1/departments/{id}", DIRECTORY_READERS);
        RULES.put("GET /api/v1/people", DIRECTORY_READERS);
        RULES.put("POST /api/v1/people", ADMIN);
        RULES.put("GET /api/v1/people/{id}", DIRECTORY_READERS);
        RULES.put("PUT /api/v1/people/{id}/sign-in", ADMIN_PERSON);
        RULES.put("POST /api/v1/people/{id}/roles", ADMIN_PERSON);
        RULES.put("DELETE /api/v1/people/{id}/roles/{grantId}", ADMIN_PERSON);
        RULES.put("GET /api/v1/audit/events", READERS);
        RULES.put("GET /api/v1/audit/export", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR"));
        RULES.put("POST /api/v1/audit/verifications", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "AUDITOR"));
        RULES.put("POST /api/v1/passwords", PERSON);
        RULES.put("POST /api/v1/accounts", STEWARDS);
        RULES.put("GET /api/v1/accounts", ACCOUNT_READERS);
        RULES.put("GET /api/v1/accounts/{id}", ACCOUNT_READERS);
        RULES.put("PATCH /api/v1/accounts/{id}", STEWARDS);
        RULES.put("PUT /api/v1/accounts/{id}/rotation-interval", STEWARDS);
        RULES.put("DELETE /api/v1/accounts/{id}/rotation-interval", STEWARDS);
        RULES.put("GET /api/v1/rotations/due", ACCOUNT_READERS);
        RULES.put("POST /api/v1/imports", STEWARDS);
        RULES.put("GET /api/v1/imports/{id}", STEWARDS);
        RULES.put("PUT /api/v1/imports/{id}/mapping", STEWARDS);
        RULES.put("POST /api/v1/imports/{id}/commit", STEWARDS);
        RULES.put("DELETE /api/v1/imports/{id}", STEWARDS);
        RULES.put("PUT /api/v1/accounts/{id}/credentials", HOLDERS);
        RULES.put("GET /api/v1/accounts/{id}/credentials/versions", ACCOUNT_READERS);
        RULES.put("GET /api/v1/accounts/{id}/credentials/versions/{version}", ACCOUNT_READERS);
        RULES.put("POST /api/v1/accounts/{id}/credentials/reveal", HOLDER_PEOPLE);
        RULES.put("POST /api/v1/accounts/{id}/credentials/versions/{version}/reveal", HOLDER_PEOPLE);
        RULES.put("POST /api/v1/accounts/{id}/credentials/totp", HOLDER_PEOPLE);
        RULES.put("POST /api/v1/accounts/{id}/suspension", ADMIN);
        RULES.put("POST /api/v1/accounts/{id}/reinstatement", ADMIN);
        RULES.put("POST /api/v1/accounts/{id}/retirement", ADMIN);
        RULES.put("POST /api/v1/accounts/{id}/content-actions", ADMIN);
        RULES.put("GET /api/v1/accounts/{id}/content-actions", ACCOUNT_READERS);
        RULES.put("GET /api/v1/accounts/{id}/content-actions/{actionId}", ACCOUNT_READERS);
        RULES.put("POST /api/v1/account-requests", PERSON);
        RULES.put("GET /api/v1/account-requests", EVERY_CALLER);
        RULES.put("GET /api/v1/account-requests/{id}", EVERY_CALLER);
        RULES.put("POST /api/v1/account-requests/{id}/approval", PERSON);
        RULES.put("POST /api/v1/account-requests/{id}/rejection", PERSON);
        RULES.put("POST /api/v1/account-requests/{id}/withdrawal", PERSON);
        RULES.put("GET /api/v1/duties/policy", EVERY_CALLER);
        RULES.put("GET /api/v1/duties", EVERY_CALLER);
        RULES.put("POST /api/v1/duties/{id}/acknowledgement", PERSON);
        RULES.put("GET /api/v1/compliance/report", READERS);
        RULES.put("GET /api/v1/attestations", READERS);
        RULES.put("GET /api/v1/attestations/{id}", READERS);
        RULES.put("GET /api/v1/attestations/{id}/report", READERS);
        RULES.put("POST /api/v1/attestations/{id}/signature", PERSON);
        RULES.put("POST /api/v1/offboardings", OFFBOARDERS);
        RULES.put("GET /api/v1/offboardings", OFFBOARDING_READERS);
        RULES.put("GET /api/v1/offboardings/{id}", OFFBOARDING_READERS);
        RULES.put("POST /api/v1/offboardings/{id}/items/{itemId}/confirmation", EVERY_CALLER);
        RULES.put("GET /api/v1/offboardings/handovers", EVERY_CALLER);
        RULES.put("GET /scim/v2/Users", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("POST /scim/v2/Users", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("GET /scim/v2/Users/{id}", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("PUT /scim/v2/Users/{id}", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("PATCH /scim/v2/Users/{id}", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("DELETE /scim/v2/Users/{id}", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("GET /scim/v2/ServiceProviderConfig", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("GET /scim/v2/ResourceTypes", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("GET /scim/v2/Schemas", Set.of("DGIT_ADMIN", "DGIT_TOKEN", "HR_INTEGRATION"));
        RULES.put("GET /api/v1/tokens", ADMIN);
        RULES.put("POST /api/v1/tokens", ADMIN_PERSON);
        RULES.put("GET /api/v1/tokens/{id}", ADMIN);
        RULES.put("DELETE /api/v1/tokens/{id}", ADMIN);
    }

    private static final Map<String, Api> CALLERS = new LinkedHashMap<>();

    @BeforeAll
    static void callers() {
        CALLERS.put(ANYONE, Api.live());
        People.Session admin = People.member(People.createDepartment("MATRIXA"));
        People.grant(admin.personId(), "DGIT_ADMIN", null);
        CALLERS.put("DGIT_ADMIN", admin.api());
        CALLERS.put("DGIT_TOKEN", Api.admin());
        CALLERS.put("AUDITOR", Api.live().bearer(People.token("AUDITOR")));
        CALLERS.put("HR_INTEGRATION", Api.live().bearer(People.token("HR_INTEGRATION")));
        CALLERS.put("DEPARTMENT_OWNER", People.departmentOwner(People.createDepartment("MATRIX")).api());
        CALLERS.put("HR_STAFF", People.hrStaff(People.createDepartment("MATRIXH")).api());
        String supervised = People.createDepartment("MATRIXS");
        People.Session supervisor = People.member(supervised);
        People.grant(supervisor.personId(), "SUPERVISOR", supervised);
        CALLERS.put("SUPERVISOR", supervisor.api());
    }

    @Test
    void everyOperationHasAnAccessRuleAndEveryCallerGetsWhatTheRuleSays() {
        JsonObject paths = Api.live().get("/openapi", "Accept", "application/json").json().getJsonObject("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        Set<String> unruled = new TreeSet<>(documented);
        unruled.removeAll(RULES.keySet());
        assertTrue(unruled.isEmpty(), "operations without an access rule in this test: " + unruled);
        assertTrue(documented.containsAll(RULES.keySet()), "rules for operations that no longer exist");

        List<String> failures = new ArrayList<>();
        // Signing out last, so the department owner's session serves every other call first.
        List<String> operations = documented.stream()
                .sorted(Comparator.comparing((String op) -> op.equals("DELETE /api/v1/session")).thenComparing(op -> op))
                .toList();
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replace("{version}", "999999").replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
            Set<String> allowed = RULES.get(operation);
            CALLERS.forEach((who, api) -> {
                int status = api.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}",
                        "Content-Type", "application/json").status();
                boolean permitted = allowed.contains(ANYONE) || allowed.contains(who);
                boolean ok = permitted ? status != 401 && status != 403 : status == (who.equals(ANYONE) ? 401 : 403);
                if (!ok) {
                    failures.add(operation + " as " + who + " answered " + status + (permitted ? " (should pass)"
                            : " (should be refused)"));
                }
            });
        }
        assertEquals(List.of(), failures);
    }
}

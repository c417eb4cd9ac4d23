package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same department, person or account created several times at once: one 201, the rest 409, never a 500. */
@ExtendWith(LiveService.class)
class ConcurrentCreationIT {

    private static final int AT_ONCE = 6;

    @Test
    void the_same_department_created_at_once_is_created_once_and_the_rest_get_409() throws Exception {
        String body = Json.createObjectBuilder().add("code", "RACE" + unique()).add("name", "Racing").build()
                .toString();
        assertOneCreatedRestConflict(() -> Api.admin().post("/api/v1/departments", body));
    }

    @Test
    void the_same_person_created_at_once_is_created_once_and_the_rest_get_409() throws Exception {
        String department = People.createDepartment("RACP" + unique());
        String body = Json.createObjectBuilder().add("employeeId", "E-race-" + unique()).add("name", "Racing Person")
                .add("email", "race@example.edu").add("departmentId", department).build().toString();
        assertOneCreatedRestConflict(() -> Api.admin().post("/api/v1/people", body));
    }

    @Test
    void the_same_username_given_at_once_is_taken_once_and_the_rest_get_409() throws Exception {
        String department = People.createDepartment("RACU" + unique());
        String username = "racer-" + unique();
        TestSecrets.remember("initial-password-1");
        Api admin = People.admin();
        assertOneCreatedRestConflict(() -> admin.post("/api/v1/people", Json.createObjectBuilder()
                .add("employeeId", "E-" + UUID.randomUUID()).add("name", "Racer").add("email", "r@example.edu")
                .add("departmentId", department).add("signIn", Json.createObjectBuilder().add("username", username)
                        .add("initialPassword", "initial-password-1")).build().toString()));
    }

    @Test
    void the_same_account_registered_at_once_is_registered_once_and_the_rest_get_409() throws Exception {
        String department = People.createDepartment("RACA" + unique());
        String owner = People.member(department).personId();
        String moderator = People.member(department).personId();
        String body = Json.createObjectBuilder().add("platform", "INSTAGRAM").add("handle", "@race." + unique())
                .add("displayName", "Racing account").add("departmentId", department).add("contentOwnerId", owner)
                .add("backupModeratorId", moderator).build().toString();
        assertOneCreatedRestConflict(() -> Api.admin().post("/api/v1/accounts", body));
    }

    private static void assertOneCreatedRestConflict(Supplier<Api.Reply> create) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return create.get();
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> bodies = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                statuses.merge(reply.get().status(), 1, Integer::sum);
                bodies.add(reply.get().body());
            }
            assertEquals(Map.of(201, 1, 409, AT_ONCE - 1), statuses, bodies::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }
}

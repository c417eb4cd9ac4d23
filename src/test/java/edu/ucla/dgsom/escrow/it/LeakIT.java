package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other test class but {@link FreshInstallVerificationIT} (which only reads): no password, token, seed, recovery code or session secret the suite used may
 * appear in the audit trail, anywhere else in the database, or in any server log.
 */
@ExtendWith(LiveService.class)
@Order(Integer.MAX_VALUE - 1)
class LeakIT {

    @Test
    void noSecretTheSuiteUsedIsInTheDatabaseOrTheServerLogs() throws Exception {
        Set<String> secrets = new java.util.HashSet<>(TestSecrets.all());
        secrets.add(LiveService.ADMIN_PASSWORD);
        secrets.add(LiveService.ADMIN_TOKEN);
        assertTrue(secrets.size() > 10, "the suite registered the secrets it used: " + secrets.size());
        List<String> places = new ArrayList<>();
        String dump = TestDatabase.dump();
        List<Path> logs;
        try (Stream<Path> files = Files.list(LiveService.testDir())) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        for (String secret : secrets) {
            if (dump.contains(secret)) {
                places.add("database");
            }
            for (Path log : logs) {
                byte[] bytes = Files.readAllBytes(log);
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains(secret)
                        || new String(bytes, StandardCharsets.UTF_8).contains(secret)) {
                    places.add(log.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), places, "secrets found");
    }
}

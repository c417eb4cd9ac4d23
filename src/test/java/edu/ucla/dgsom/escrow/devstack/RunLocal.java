package edu.ucla.dgsom.escrow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.codec.binary.Base32;

/**
 * The README's run command ({@code mvn -Prun}): the service with the embedded MariaDB and the development keys, data
 * kept in {@code .local/} across restarts and {@code mvn clean}. Ctrl-C stops both processes. With
 * {@code -Descrow.sso=keycloak} a Keycloak with the test realm runs too and the service offers campus sign-in through
 * it (docs/sso.md, "Testing").
 */
public final class RunLocal {

    /** Where the run's Keycloak listens, beside the service's 8080. */
    private static final int KEYCLOAK_PORT = 8180;

    private RunLocal() {
    }

    /** The development admin's first password: made once, kept in .local/ so every run offers the same one. */
    private static String firstAdminPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file).strip();
    }

    /** Shown until the first admin has changed the password. */
    private static String firstSignInHint(LocalStack stack, String password) {
        try (Connection connection = stack.database().rootConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT username FROM escrow.sign_in"
                        + " WHERE password_change_required AND last_sign_in_at IS NULL")) {
            return rows.next()
                    ? "First sign-in (one time; you must then change the password and enrol MFA): username "
                            + rows.getString(1) + ", password " + password + "\n"
                    : "";
        } catch (SQLException e) {
            return "";
        }
    }

    /** The development realm's users (src/test/resources/keycloak/campus-realm.json), for the banner. */
    private static String campusSignInHint(KeycloakProcess keycloak) {
        String dgitTotp = new Base32().encodeAsString("dgit-totp-secret-2020".getBytes(StandardCharsets.UTF_8))
                .replace("=", "");
        return "Campus sign-in (Keycloak at " + keycloak.issuer() + ", development realm): \"Sign in with Campus"
                + " Keycloak (development)\" on the sign-in page. User dgit, password dgit-pass-1, TOTP key " + dgitTotp
                + ", is the first DGIT admin (employee id dgit-first-admin). Users alice, bob, carol, dave, erin and"
                + " frank (password <name>-pass-1) match people only once people with their employee ids exist.\n";
    }

    /** Beside the database it belongs to, so that wiping .local/ removes both. */
    static Path checkpointFile(StackLayout layout) {
        return layout.localDir().toAbsolutePath().resolve("audit-checkpoints.jsonl");
    }

    public static void main(String[] args) throws InterruptedException {
        StackLayout layout = StackLayout.fromSystemProperties();
        int httpPort = Integer.getInteger("escrow.http.port", 8080);
        int dbPort = Integer.getInteger("escrow.db.port", 3307);
        Path serverLog = layout.localDir().resolve("logs").resolve("payara.log");
        LocalStack stack;
        String adminPassword;
        String campusSignIn = "";
        try {
            adminPassword = firstAdminPassword(layout.localDir().resolve("first-admin-password"));
            Map<String, String> settings = new HashMap<>(Map.of("ESCROW_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                    "ESCROW_AUDIT_CHECKPOINT_FILE", checkpointFile(layout).toString()));
            if ("keycloak".equals(System.getProperty("escrow.sso"))) {
                Path keycloakLog = layout.localDir().resolve("logs").resolve("keycloak.log");
                System.out.println("escrow: starting Keycloak for campus sign-in (a minute the first time; log "
                        + keycloakLog + ")");
                KeycloakProcess keycloak = KeycloakProcess.startUnpacked(KEYCLOAK_PORT, keycloakLog);
                settings.putAll(Map.of("ESCROW_SSO_ISSUER", keycloak.issuer().toString(),
                        "ESCROW_SSO_NAME", "Campus Keycloak (development)",
                        "ESCROW_SSO_CLIENT_ID", KeycloakProcess.CLIENT_ID,
                        "ESCROW_SSO_CLIENT_SECRET", KeycloakProcess.CLIENT_SECRET,
                        "ESCROW_SSO_REDIRECT_URI", "http://127.0.0.1:" + httpPort + "/api/v1/session/sso/callback"));
                campusSignIn = campusSignInHint(keycloak);
            }
            stack = LocalStack.start(layout, dbPort, httpPort, layout.localDir().resolve("mariadb-data"), serverLog,
                    settings);
        } catch (IOException e) {
            System.err.println("escrow: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "escrow-stop"));
        String url = stack.server().baseUri().toString();
        System.out.printf("""

                DGIT credential escrow is running at %s  (API %s/api/v1, OpenAPI %s/openapi, health %s/health/ready)
                Development database and keys only (.local/, keys-sample/). Server log: %s. Ctrl-C stops.
                Audit checkpoints: %s
                %s%s
                """, url, url, url, url, serverLog, checkpointFile(layout), firstSignInHint(stack, adminPassword),
                campusSignIn);
        while (stack.server().isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("escrow: Payara Micro stopped; see " + serverLog);
        System.exit(1);
    }
}

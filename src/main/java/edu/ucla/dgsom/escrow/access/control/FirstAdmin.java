package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.access.entity.RoleGrant;
import edu.ucla.dgsom.escrow.access.entity.SignIn;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.security.Role;
import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On an empty database, creates the first DGIT admin (who must change the password and enrol MFA at first sign-in)
 * and, if the operator gives one, a bootstrap API token for provisioning scripts. Passwords and tokens come from the
 * environment, never from a system property; a generated password goes to a file only its owner can read, never to
 * the log.
 */
@Startup
@Singleton
@DependsOn("Keyring")
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AccessSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    ApiTokens tokens;

    @Inject
    @ConfigProperty(name = "escrow.bootstrap.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "escrow.bootstrap.admin.email", defaultValue = "dgit-admin@localhost")
    String email;

    @Inject
    @ConfigProperty(name = "escrow.bootstrap.admin.password-output", defaultValue = "escrow-first-admin-password.txt")
    String passwordOutput;

    @Inject
    @ConfigProperty(name = "escrow.bootstrap.token.validity", defaultValue = "P30D")
    Duration tokenValidity;

    @PostConstruct
    void createIfMissing() {
        String bootstrapToken = System.getenv("ESCROW_BOOTSTRAP_TOKEN");
        if (bootstrapToken != null && !bootstrapToken.isBlank() && !tokens.anyExist()) {
            if (bootstrapToken.length() < 32) {
                throw new IllegalStateException("ESCROW_BOOTSTRAP_TOKEN must have at least 32 characters");
            }
            tokens.createBootstrapToken(bootstrapToken, Instant.now().plus(tokenValidity));
            LOG.info("Created the bootstrap API token (DGIT_ADMIN) given in ESCROW_BOOTSTRAP_TOKEN");
        }
        if (em.createNamedQuery(RoleGrant.COUNT_ROLE, Long.class).setParameter("role", Role.DGIT_ADMIN)
                .getSingleResult() > 0) {
            return;
        }
        Instant now = Instant.now();
        Department dgit = em.createNamedQuery(Department.BY_CODE, Department.class).setParameter("code", "DGIT")
                .getResultStream().findFirst().orElseGet(() -> {
                    Department created = new Department("DGIT", "David Geffen IT", now);
                    em.persist(created);
                    return created;
                });
        Person admin = new Person("dgit-first-admin", "First DGIT admin", email, dgit.id(), now);
        em.persist(admin);
        String given = System.getenv("ESCROW_BOOTSTRAP_ADMIN_PASSWORD");
        char[] password = (given != null && !given.isBlank() ? given : Secrets.newToken("")).toCharArray();
        em.persist(new SignIn(admin.id(), username.toLowerCase(java.util.Locale.ROOT),
                settings.passwordHasher().hash(password)));
        em.persist(new RoleGrant(admin.id(), Role.DGIT_ADMIN, null, "bootstrap", now));
        audit.record("SYSTEM", null, "bootstrap", AuditAction.PERSON_CREATE,
                new AuditTrail.Target("person", admin.id(), dgit.id()), Outcome.ALLOWED, "first DGIT admin",
                Map.of("username", username, "role", Role.DGIT_ADMIN.name()));
        if (given == null || given.isBlank()) {
            Path file = Path.of(passwordOutput).toAbsolutePath();
            writeOwnerOnly(file, "username: " + username + "\npassword: " + new String(password) + "\n");
            LOG.warning("Created the first DGIT admin '" + username + "'; the one-time password is in " + file
                    + ". Sign in, change it, enrol MFA, then delete the file.");
        } else {
            LOG.info("Created the first DGIT admin '" + username + "' with the password from the environment");
        }
        java.util.Arrays.fill(password, '\0');
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin's password to " + file, e);
        }
    }
}

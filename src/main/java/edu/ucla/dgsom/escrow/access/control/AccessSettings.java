package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sign-in, session and MFA settings (docs/operations.md lists them with their defaults). */
@ApplicationScoped
public class AccessSettings {

    @Inject
    @ConfigProperty(name = "escrow.session.idle-timeout", defaultValue = "PT15M")
    Duration idleTimeout;

    @Inject
    @ConfigProperty(name = "escrow.session.absolute-timeout", defaultValue = "PT8H")
    Duration absoluteTimeout;

    @Inject
    @ConfigProperty(name = "escrow.sign-in.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "escrow.sign-in.max-failures-per-address", defaultValue = "50")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "escrow.sign-in.lock-duration", defaultValue = "PT15M")
    Duration lockDuration;

    /** How long a browser that signed a person in stays trusted (its device cookie); see docs/access.md. */
    @Inject
    @ConfigProperty(name = "escrow.sign-in.device-validity", defaultValue = "P90D")
    Duration deviceValidity;

    /** How often stale throttle rows and expired device cookies are purged. */
    @Inject
    @ConfigProperty(name = "escrow.sign-in.purge-every", defaultValue = "PT5M")
    Duration purgeEvery;

    /** How long a client shows a revealed secret, and leaves a copied one on the clipboard (the console obeys). */
    @Inject
    @ConfigProperty(name = "escrow.console.reveal-seconds", defaultValue = "60")
    int revealSeconds;

    @Inject
    @ConfigProperty(name = "escrow.console.clipboard-seconds", defaultValue = "30")
    int clipboardSeconds;

    @Inject
    @ConfigProperty(name = "escrow.passwords.argon2.memory-kib", defaultValue = "19456")
    int argon2MemoryKib;

    @Inject
    @ConfigProperty(name = "escrow.passwords.argon2.iterations", defaultValue = "2")
    int argon2Iterations;

    @Inject
    @ConfigProperty(name = "escrow.passwords.argon2.parallelism", defaultValue = "1")
    int argon2Parallelism;

    /** Roles whose holders must use MFA; DGIT_ADMIN, AUDITOR, HR_STAFF and SUPERVISOR always must. */
    @Inject
    @ConfigProperty(name = "escrow.mfa.required-roles", defaultValue = "DGIT_ADMIN,AUDITOR")
    List<String> mfaRequiredRoles;

    /** Whether people who hold no role at all (content owners, moderators) must use MFA too. */
    @Inject
    @ConfigProperty(name = "escrow.mfa.required-for-everyone", defaultValue = "false")
    boolean mfaRequiredForEveryone;

    @Inject
    @ConfigProperty(name = "escrow.tokens.max-validity", defaultValue = "P366D")
    Duration maxTokenValidity;

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration absoluteTimeout() {
        return absoluteTimeout;
    }

    public int maxFailures() {
        return maxFailures;
    }

    public int maxFailuresPerAddress() {
        return maxFailuresPerAddress;
    }

    public Duration lockDuration() {
        return lockDuration;
    }

    public Duration deviceValidity() {
        return deviceValidity;
    }

    public Duration purgeEvery() {
        return purgeEvery;
    }

    public PasswordHasher passwordHasher() {
        return new PasswordHasher(argon2MemoryKib, argon2Iterations, argon2Parallelism);
    }

    public boolean mfaRequired(Set<Role> roles) {
        // HR's staff end anyone's access and read every person: as much at stake as an auditor's reading. A
        // supervisor's approval is evidence the policy asks for: it must be theirs.
        Set<Role> required = EnumSet.of(Role.DGIT_ADMIN, Role.AUDITOR, Role.HR_STAFF, Role.SUPERVISOR);
        mfaRequiredRoles.stream().map(String::trim).filter(r -> !r.isEmpty()).map(Role::valueOf).forEach(required::add);
        return mfaRequiredForEveryone || roles.stream().anyMatch(required::contains);
    }

    public Duration maxTokenValidity() {
        return maxTokenValidity;
    }

    public SecretDisplay secretDisplay() {
        return new SecretDisplay(revealSeconds, clipboardSeconds);
    }

    /** How long secrets may stay in sight: on screen once revealed, and on the clipboard once copied. */
    public record SecretDisplay(int revealSeconds, int clipboardSeconds) {
    }
}

package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A person's means of signing in: username, Argon2id password hash and MFA state. The TOTP seed itself is sealed
 * behind the barrier, under this person's id and the MFA generation. An enrolled person may enrol a new seed: it waits
 * under a generation of its own until a first code confirms it, and the enrolled one keeps working until then.
 */
@Entity
@Table(name = "sign_in")
@NamedQuery(name = SignIn.BY_USERNAME, query = "SELECT s FROM SignIn s WHERE s.username = :username")
public class SignIn {

    public static final String BY_USERNAME = "SignIn.byUsername";

    /** NONE: never enrolled; PENDING: seed issued, awaiting a first valid code; ENROLLED: codes required. */
    public enum MfaState { NONE, PENDING, ENROLLED }

    @Id
    @Column(name = "person_id")
    private String personId;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Enumerated(EnumType.STRING)
    @Column(name = "mfa_state", nullable = false)
    private MfaState mfaState;

    @Column(name = "mfa_generation", nullable = false)
    private int mfaGeneration;

    /** The generation of a new seed an enrolled person awaits to confirm; null when none. */
    @Column(name = "pending_mfa_generation")
    private Integer pendingMfaGeneration;

    @Column(name = "last_totp_step", nullable = false)
    private long lastTotpStep;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;

    @Version
    @Column(name = "row_version")
    private int rowVersion;

    protected SignIn() {
    }

    /**
     * A new sign-in, with an initial password someone else set (an admin, or the operator for the first admin): it
     * must be changed at the first sign-in. MFA is enrolled afresh.
     */
    public SignIn(String personId, String username, String passwordHash) {
        this.personId = personId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.passwordChangeRequired = true;
        this.mfaState = MfaState.NONE;
        this.enabled = true;
    }

    public void signedIn(Instant now) {
        lastSignInAt = now;
    }

    /** A stronger hash of the same password, after the hashing parameters changed. */
    public void rehashed(String newHash) {
        passwordHash = newHash;
    }

    public void passwordChanged(String newHash) {
        passwordHash = newHash;
        passwordChangeRequired = false;
    }

    /**
     * Starts a new enrolment; the seed for the returned generation is sealed by the caller. A person not yet enrolled
     * has no second factor until it is confirmed; an enrolled person keeps the enrolled seed (and its recovery codes)
     * until then, and a re-enrolment started again replaces the one pending.
     */
    public int startMfaEnrolment() {
        if (mfaState == MfaState.ENROLLED) {
            pendingMfaGeneration = Math.max(mfaGeneration, pendingMfaGeneration == null ? 0 : pendingMfaGeneration) + 1;
            return pendingMfaGeneration;
        }
        mfaState = MfaState.PENDING;
        mfaGeneration++;
        lastTotpStep = 0;
        return mfaGeneration;
    }

    /** The generation of the seed that awaits its first code, if an enrolment is pending. */
    public OptionalInt mfaGenerationToConfirm() {
        if (pendingMfaGeneration != null) {
            return OptionalInt.of(pendingMfaGeneration);
        }
        return mfaState == MfaState.PENDING ? OptionalInt.of(mfaGeneration) : OptionalInt.empty();
    }

    /**
     * The pending seed gave a valid code of time step {@code step}: it becomes the enrolled seed, in place of any
     * earlier one. Its codes of that step and before are not accepted again, nor those of the earlier seed's last
     * accepted step and before.
     */
    public void confirmMfa(long step) {
        mfaGeneration = mfaGenerationToConfirm().orElseThrow(() -> new IllegalStateException("no pending enrolment"));
        pendingMfaGeneration = null;
        mfaState = MfaState.ENROLLED;
        lastTotpStep = Math.max(lastTotpStep, step);
    }

    /** The highest generation a seed was sealed under (the pending one's, during a re-enrolment). */
    public int lastMfaGeneration() {
        return pendingMfaGeneration == null ? mfaGeneration : Math.max(mfaGeneration, pendingMfaGeneration);
    }

    /** Records the time step of an accepted code; a code is never accepted twice. */
    public boolean acceptTotpStep(long step) {
        if (step <= lastTotpStep) {
            return false;
        }
        lastTotpStep = step;
        return true;
    }

    public void disable() {
        enabled = false;
    }

    public void enable() {
        enabled = true;
    }

    public String personId() {
        return personId;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    public MfaState mfaState() {
        return mfaState;
    }

    public int mfaGeneration() {
        return mfaGeneration;
    }

    public boolean enabled() {
        return enabled;
    }
}

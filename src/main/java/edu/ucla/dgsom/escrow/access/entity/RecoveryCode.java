package edu.ucla.dgsom.escrow.access.entity;

import edu.ucla.dgsom.escrow.security.Secrets;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * A one-time MFA recovery code, stored as a salted digest; usable once, in place of a TOTP code. Codes issued before
 * V8 carry an unsalted SHA-256 digest of the code as typed (XXXX-XXXX-XXXX); they stay usable once each.
 */
@Entity
@Table(name = "recovery_code")
@NamedQuery(name = RecoveryCode.UNUSED, query = "SELECT c FROM RecoveryCode c WHERE c.personId = :person"
        + " AND c.generation = :generation AND c.usedAt IS NULL")
@NamedQuery(name = RecoveryCode.DELETE_OF_PERSON, query = "DELETE FROM RecoveryCode c WHERE c.personId = :person")
public class RecoveryCode {

    public static final String UNUSED = "RecoveryCode.unused";
    /** Every code a person was ever issued, used or not, of any generation: new codes replace them all. */
    public static final String DELETE_OF_PERSON = "RecoveryCode.deleteOfPerson";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;

    @Column(nullable = false, updatable = false)
    private int generation;

    @Column(name = "code_hash", nullable = false, updatable = false)
    private String codeHash;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
    }

    private RecoveryCode(String personId, int generation, String codeHash) {
        this.personId = personId;
        this.generation = generation;
        this.codeHash = codeHash;
    }

    /** A new code of this person's MFA generation; only its salted digest is kept. */
    public static RecoveryCode issue(String personId, int generation, String code) {
        return new RecoveryCode(personId, generation, Secrets.saltedDigest(canonical(code)));
    }

    /** Whether {@code typed} is this code, in any case, with or without the group separators; constant time. */
    public boolean matches(String typed) {
        if (typed == null || usedAt != null) {
            return false;
        }
        if (codeHash.length() == 64) {
            return Secrets.sameDigest(codeHash, Secrets.sha256Hex(typed.trim().toUpperCase(Locale.ROOT)));
        }
        return Secrets.matchesSaltedDigest(canonical(typed), codeHash);
    }

    public void use(Instant now) {
        usedAt = now;
    }

    private static String canonical(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}

package edu.ucla.dgsom.escrow.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time MFA recovery code, stored as a hash; usable once, in place of a TOTP code. */
@Entity
@Table(name = "recovery_code")
@NamedQuery(name = RecoveryCode.UNUSED, query = "SELECT c FROM RecoveryCode c WHERE c.personId = :person"
        + " AND c.codeHash = :hash AND c.generation = :generation AND c.usedAt IS NULL")
public class RecoveryCode {

    public static final String UNUSED = "RecoveryCode.unused";

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

    public RecoveryCode(String personId, int generation, String codeHash) {
        this.personId = personId;
        this.generation = generation;
        this.codeHash = codeHash;
    }

    public void use(Instant now) {
        usedAt = now;
    }
}

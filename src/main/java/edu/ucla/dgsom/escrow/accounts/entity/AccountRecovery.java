package edu.ucla.dgsom.escrow.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * What guards an official account beyond its escrowed credentials, as the compliance report reads it: the platform's
 * second factor as the stewards state it, and what the last rotation learnt of the recovery contacts. Each is null
 * until someone states or judges it, never the contacts themselves.
 */
@Embeddable
public class AccountRecovery {

    @Enumerated(EnumType.STRING)
    @Column(name = "platform_mfa")
    private PlatformMfa platformMfa;

    /** Whether the current version's recovery e-mail is the school's. */
    @Column(name = "recovery_email_institutional")
    private Boolean recoveryEmailInstitutional;

    @Column(name = "recovery_phone_institutional")
    private Boolean recoveryPhoneInstitutional;

    /** The digest of the rules that judged the recovery contacts. */
    @Column(name = "recovery_rules_digest")
    private String recoveryRulesDigest;

    /** The stewards state the platform's second factor, or clear it with null (not stated). */
    void stateMfa(PlatformMfa platformMfa) {
        this.platformMfa = platformMfa;
    }

    /** A rotation judged the new version's recovery contacts: what it learnt replaces what the one before did. */
    void judged(RecoveryFacts facts) {
        recoveryEmailInstitutional = facts.emailInstitutional();
        recoveryPhoneInstitutional = facts.phoneInstitutional();
        recoveryRulesDigest = facts.rulesDigest();
    }

    public PlatformMfa platformMfa() {
        return platformMfa;
    }

    public Boolean recoveryEmailInstitutional() {
        return recoveryEmailInstitutional;
    }

    public Boolean recoveryPhoneInstitutional() {
        return recoveryPhoneInstitutional;
    }

    public String recoveryRulesDigest() {
        return recoveryRulesDigest;
    }
}

package edu.ucla.dgsom.escrow.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccountRecoveryTest {

    @Test
    void a_later_rotation_replaces_what_the_one_before_learnt_and_leaves_the_stated_mfa_alone() {
        AccountRecovery recovery = new AccountRecovery();
        recovery.stateMfa(PlatformMfa.TOTP);
        recovery.judged(new RecoveryFacts(true, true, "old rules"));
        recovery.judged(new RecoveryFacts(false, true, "new rules"));
        assertEquals(Boolean.FALSE, recovery.recoveryEmailInstitutional());
        assertEquals(Boolean.TRUE, recovery.recoveryPhoneInstitutional());
        assertEquals("new rules", recovery.recoveryRulesDigest());
        assertEquals(PlatformMfa.TOTP, recovery.platformMfa());
    }
}

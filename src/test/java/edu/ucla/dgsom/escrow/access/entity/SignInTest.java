package edu.ucla.dgsom.escrow.access.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SignInTest {

    private static SignIn enrolledAtStep(long step) {
        SignIn signIn = new SignIn("alice", "alice", "hash");
        assertEquals(1, signIn.startMfaEnrolment());
        signIn.confirmMfa(step);
        return signIn;
    }

    @Test
    void a_first_enrolment_is_pending_until_confirmed_and_then_required() {
        SignIn signIn = new SignIn("alice", "alice", "hash");
        assertEquals(OptionalInt.empty(), signIn.mfaGenerationToConfirm());
        int generation = signIn.startMfaEnrolment();
        assertEquals(SignIn.MfaState.PENDING, signIn.mfaState());
        assertEquals(OptionalInt.of(generation), signIn.mfaGenerationToConfirm());
        signIn.confirmMfa(100);
        assertEquals(SignIn.MfaState.ENROLLED, signIn.mfaState());
        assertEquals(generation, signIn.mfaGeneration());
        assertEquals(OptionalInt.empty(), signIn.mfaGenerationToConfirm());
        assertFalse(signIn.acceptTotpStep(100), "the confirming code is not accepted again");
    }

    @Test
    void a_re_enrolment_keeps_the_enrolled_seed_until_the_new_one_is_confirmed() {
        SignIn signIn = enrolledAtStep(100);
        int pending = signIn.startMfaEnrolment();
        assertEquals(2, pending);
        assertEquals(SignIn.MfaState.ENROLLED, signIn.mfaState());
        assertEquals(1, signIn.mfaGeneration(), "codes are still checked against the enrolled seed");
        assertEquals(OptionalInt.of(2), signIn.mfaGenerationToConfirm());
        assertTrue(signIn.acceptTotpStep(101));
        signIn.confirmMfa(101);
        assertEquals(2, signIn.mfaGeneration());
        assertEquals(OptionalInt.empty(), signIn.mfaGenerationToConfirm());
    }

    @Test
    void a_re_enrolment_started_again_gets_a_generation_of_its_own() {
        SignIn signIn = enrolledAtStep(100);
        assertEquals(2, signIn.startMfaEnrolment());
        assertEquals(3, signIn.startMfaEnrolment());
        assertEquals(3, signIn.lastMfaGeneration(), "every sealed seed can still be found and erased");
        signIn.confirmMfa(100);
        assertEquals(3, signIn.mfaGeneration());
    }

    @Test
    void confirming_never_lets_an_earlier_time_step_count_again() {
        SignIn signIn = enrolledAtStep(100);
        assertTrue(signIn.acceptTotpStep(105));
        signIn.startMfaEnrolment();
        signIn.confirmMfa(104);
        assertFalse(signIn.acceptTotpStep(105));
        assertTrue(signIn.acceptTotpStep(106));
    }

    @Test
    void nothing_can_be_confirmed_without_a_pending_enrolment() {
        SignIn signIn = enrolledAtStep(100);
        assertThrows(IllegalStateException.class, () -> signIn.confirmMfa(101));
    }
}

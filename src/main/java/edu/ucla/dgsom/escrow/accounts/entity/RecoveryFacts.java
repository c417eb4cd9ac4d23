package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * What a rotation learnt of the new credential version's recovery contacts while it held their plaintext: whether
 * the recovery e-mail and phone are the school's (false when there is none), and the digest of the rules that judged
 * them, so that a changed list of institutional domains or prefixes makes them unknown again. Never the values.
 */
public record RecoveryFacts(boolean emailInstitutional, boolean phoneInstitutional, String rulesDigest) {
}

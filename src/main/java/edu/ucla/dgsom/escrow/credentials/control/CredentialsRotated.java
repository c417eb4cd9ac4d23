package edu.ucla.dgsom.escrow.credentials.control;

import edu.ucla.dgsom.escrow.credentials.entity.CredentialField;
import java.util.Set;

/**
 * Fired, inside the rotation's transaction, when an account's credentials got a new version; for example an
 * offboarding that required the rotation closes its item.
 */
public record CredentialsRotated(String accountId, int version, Set<CredentialField> changed) {

    /** Whether the secrets someone could have taken away were replaced: the password or the TOTP seed. */
    public boolean secretReplaced() {
        return changed.contains(CredentialField.PASSWORD) || changed.contains(CredentialField.TOTP);
    }
}

package edu.ucla.dgsom.escrow.access.boundary;

import java.util.List;

/** One-time recovery codes, shown only now: each can replace a TOTP code once. */
public record RecoveryCodes(List<String> recoveryCodes) {

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "RecoveryCodes[" + (recoveryCodes == null ? 0 : recoveryCodes.size()) + " redacted]";
    }
}

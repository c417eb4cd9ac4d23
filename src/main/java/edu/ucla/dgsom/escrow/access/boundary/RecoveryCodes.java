package edu.ucla.dgsom.escrow.access.boundary;

import java.util.List;

/** One-time recovery codes, shown only now: each can replace a TOTP code once. */
public record RecoveryCodes(List<String> recoveryCodes) {
}

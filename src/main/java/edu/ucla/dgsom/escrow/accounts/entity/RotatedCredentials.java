package edu.ucla.dgsom.escrow.accounts.entity;

import java.util.List;

/**
 * What the registry keeps of a new credential version: its number, whether it holds a TOTP seed (so the list can say
 * which accounts' second factor is escrowed), the names of the fields it holds (so a holder's client knows what
 * there is to reveal without the version history) and what the rotation learnt of its recovery contacts, all without
 * opening anything sealed.
 */
public record RotatedCredentials(int version, boolean totpSeedEscrowed, List<String> fields, RecoveryFacts recovery) {

    public RotatedCredentials {
        fields = List.copyOf(fields);
    }
}

package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * What the registry keeps of a new credential version: its number and whether it holds a TOTP seed (so the list can
 * say which accounts' second factor is escrowed without opening anything sealed).
 */
public record RotatedCredentials(int version, boolean totpSeedEscrowed) {
}

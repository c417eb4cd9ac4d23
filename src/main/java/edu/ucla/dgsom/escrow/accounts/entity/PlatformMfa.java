package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * What second factor the platform asks of whoever signs in to the account, as its stewards state it: none, a TOTP
 * authenticator (whose seed must then be escrowed, so DGIT can sign in without the holder's phone), or another kind
 * (SMS, a security key) that has no seed to escrow.
 */
public enum PlatformMfa { NONE, TOTP, OTHER }

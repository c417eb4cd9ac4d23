package edu.ucla.dgsom.escrow.credentials.boundary;

/** A freshly generated password, not stored anywhere: it is stored only when a credential is rotated to it. */
public record GeneratedPassword(String password, String platform, int length, boolean symbols) {

    /** Never prints the secret it carries, should anything log it. */
    @Override
    public String toString() {
        return "GeneratedPassword[redacted]";
    }
}

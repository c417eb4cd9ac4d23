package edu.ucla.dgsom.escrow.imports.entity;

/** The export files the service reads, each as its vendor writes it. */
public enum ImportFormat {

    LASTPASS_CSV("LastPass CSV"),
    /** Both layouts: the personal vault's ({@code folder,...}) and an organization's ({@code collections,...}). */
    BITWARDEN_CSV("Bitwarden CSV"),
    BITWARDEN_JSON("Bitwarden JSON"),
    /** Bitwarden's password-protected JSON export ("encrypted", not account-restricted). */
    BITWARDEN_ENCRYPTED_JSON("Bitwarden password-protected JSON"),
    KEEPASSXC_CSV("KeePassXC CSV"),
    KEEPASS2_XML("KeePass 2 XML"),
    ONEPASSWORD_1PUX("1Password 1PUX"),
    ONEPASSWORD_CSV("1Password CSV"),
    /** Chrome's and Edge's password export. */
    CHROME_CSV("Chrome/Edge CSV");

    private final String label;

    ImportFormat(String label) {
        this.label = label;
    }

    /** The name a person knows the format by, for messages. */
    public String label() {
        return label;
    }

    public boolean needsPassword() {
        return this == BITWARDEN_ENCRYPTED_JSON;
    }
}

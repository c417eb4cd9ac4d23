package edu.ucla.dgsom.escrow.credentials.control;

import org.passay.CharacterData;

/**
 * The kinds of characters a generated password can draw from; each one chosen appears at least once. ASCII only (not
 * Passay's own symbol set, which holds letters such as ª, currency signs and an invisible soft hyphen), and without
 * characters that are easily confused when read out or typed (0/O/o, 1/l/I, quotes and the like).
 */
public enum CharacterClass implements CharacterData {
    LOWERCASE("abcdefghijklmnopqrstuvwxyz"),
    UPPERCASE("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    DIGITS("0123456789"),
    SYMBOLS("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    static final String LOOK_ALIKES = "0Oo1lI|`'\"";

    private final String characters;

    CharacterClass(String characters) {
        this.characters = characters.chars().filter(c -> LOOK_ALIKES.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    @Override
    public String getErrorCode() {
        return "INSUFFICIENT_" + name();
    }

    @Override
    public String getCharacters() {
        return characters;
    }
}

package edu.ucla.dgsom.escrow.access.control;

/**
 * The campus provider's answer as the browser brought it back: the query's state and either a code or an error, and
 * the answer's issuer if it names one.
 */
public record ProviderAnswer(SignInBrowser browser, String state, String code, String error, String issuer) {

    @Override
    public String toString() {
        return "ProviderAnswer[values redacted]";
    }
}

package edu.ucla.dgsom.escrow.access.control;

import java.net.URI;

/**
 * The campus provider's answer as the browser brought it back: the flow cookie's token, the query's state and either
 * a code or an error, the answer's issuer if named, and who brought it.
 */
public record ProviderAnswer(String flowToken, String state, String code, String error, String issuer,
        URI redirectUri, String address, String userAgent, String previousSession) {

    @Override
    public String toString() {
        return "ProviderAnswer[values redacted]";
    }
}

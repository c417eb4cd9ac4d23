package edu.ucla.dgsom.escrow.access.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.List;

/**
 * Who the campus provider says signed in, read from an ID token whose signature, issuer, audience, expiry and nonce
 * were checked. {@code employeeId} is the configured claim's value, null when the token lacks it.
 */
public record ProviderIdentity(String subject, String employeeId, String email, boolean emailVerified,
        List<String> amr, String acr, String idToken) {

    /**
     * Checks the token with the validator (which holds the provider's keys, issuer and our client id) against the
     * nonce of this sign-in, and reads it. A key set that cannot be fetched is the provider being unavailable; any
     * other failure is a rejected token.
     */
    static ProviderIdentity checked(IDTokenValidator validator, JWT token, String nonce, String employeeIdClaim)
            throws ProviderFailure {
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(token, new Nonce(nonce));
        } catch (BadJOSEException e) {
            // Nimbus names the failed check (expired, wrong audience, bad signature...), never the token's content.
            throw ProviderFailure.rejected("ID token refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw ProviderFailure.unavailable("the provider's keys cannot be fetched", e);
        }
        try {
            Boolean verified = claims.getBooleanClaim("email_verified");
            return new ProviderIdentity(claims.getSubject().getValue(), employeeId(claims.getClaim(employeeIdClaim)),
                    blankToNull(claims.getStringClaim("email")), Boolean.TRUE.equals(verified),
                    strings(claims.getClaim("amr")), claims.getClaim("acr") instanceof String acr ? acr : null,
                    token.serialize());
        } catch (RuntimeException e) {
            // A signed token of the provider whose claims have an unexpected shape: refused, never a server error.
            throw ProviderFailure.rejected("the ID token's claims have an unexpected shape");
        }
    }

    /**
     * The employee id as a string, also when the provider sends a number; null when absent. Any other shape is not
     * taken for an absent claim, which would send the sign-in to the e-mail fallback.
     */
    private static String employeeId(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof String text) {
            return blankToNull(text);
        }
        if (claim instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Long.toString(number.longValue());
        }
        throw new IllegalArgumentException("the employee id claim is neither a string nor a whole number");
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof List<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return claim instanceof String value ? List.of(value) : List.of();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "ProviderIdentity[" + subject + ", token redacted]";
    }
}

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
        String employeeId = claims.getStringClaim(employeeIdClaim);
        Boolean verified = claims.getBooleanClaim("email_verified");
        List<String> amr = claims.getAMR() == null ? List.of() : claims.getAMR().stream().map(a -> a.getValue())
                .toList();
        return new ProviderIdentity(claims.getSubject().getValue(), blankToNull(employeeId),
                blankToNull(claims.getStringClaim("email")), Boolean.TRUE.equals(verified), amr,
                claims.getACR() == null ? null : claims.getACR().getValue(), token.serialize());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "ProviderIdentity[" + subject + ", token redacted]";
    }
}

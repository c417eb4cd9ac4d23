package edu.ucla.dgsom.escrow.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID token's checks with real keys and signatures: a token the provider's key signed for us, with our nonce and
 * in date, is read; a forged, expired, foreign, replayed-into-another-flow or unsigned one is refused.
 */
class ProviderIdentityTest {

    private static final String ISSUER = "https://login.campus.example/realms/campus";
    private static final String CLIENT = "escrow";
    private static final String NONCE = "nonce-of-this-flow";

    private static RSAKey providerKey;
    private static RSAKey otherKey;
    private static IDTokenValidator validator;

    @BeforeAll
    static void keys() throws JOSEException {
        providerKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("provider").generate();
        validator = new IDTokenValidator(new Issuer(ISSUER), new ClientID(CLIENT), JWSAlgorithm.RS256,
                new JWKSet(providerKey.toPublicJWK()));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("subject-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", NONCE).claim("employee_id", "E1001").claim("email", "alice@campus.example")
                .claim("email_verified", true).claim("amr", List.of("pwd", "otp")).claim("acr", "1");
    }

    private static JWT signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private static ProviderFailure refused(JWT token, String nonce) {
        ProviderFailure failure = assertThrows(ProviderFailure.class,
                () -> ProviderIdentity.checked(validator, token, nonce, "employee_id"));
        assertEquals(ProviderFailure.Kind.REJECTED, failure.kind());
        return failure;
    }

    @Test
    void a_token_of_the_provider_for_this_flow_is_read() throws Exception {
        JWT token = signed(providerKey, c -> c);
        ProviderIdentity identity = ProviderIdentity.checked(validator, token, NONCE, "employee_id");
        assertEquals("subject-1", identity.subject());
        assertEquals("E1001", identity.employeeId());
        assertEquals("alice@campus.example", identity.email());
        assertTrue(identity.emailVerified());
        assertEquals(List.of("pwd", "otp"), identity.amr());
        assertEquals("1", identity.acr());
        assertEquals(token.serialize(), identity.idToken());
        assertFalse(identity.toString().contains(token.serialize()), "the token never in a log line");
    }

    @Test
    void the_employee_id_comes_from_the_configured_claim() throws Exception {
        ProviderIdentity identity = ProviderIdentity.checked(validator,
                signed(providerKey, c -> c.claim("employeeNumber", "E2002")), NONCE, "employeeNumber");
        assertEquals("E2002", identity.employeeId());
        ProviderIdentity without = ProviderIdentity.checked(validator,
                signed(providerKey, c -> c.claim("employee_id", null).claim("email_verified", null)
                        .claim("amr", null)), NONCE, "employee_id");
        assertNull(without.employeeId());
        assertFalse(without.emailVerified(), "an address the provider did not verify");
        assertEquals(List.of(), without.amr());
    }

    @Test
    void an_employee_id_sent_as_a_number_is_read_and_one_of_another_shape_is_refused() throws Exception {
        assertEquals("1001", ProviderIdentity.checked(validator, signed(providerKey, c -> c.claim("employee_id", 1001)),
                NONCE, "employee_id").employeeId());
        // Taken for absent, it would send the sign-in to the e-mail fallback.
        refused(signed(providerKey, c -> c.claim("employee_id", Map.of("id", "E1001"))), NONCE);
        refused(signed(providerKey, c -> c.claim("employee_id", 10.5)), NONCE);
    }

    @Test
    void odd_amr_and_acr_values_are_read_as_they_are() throws Exception {
        ProviderIdentity identity = ProviderIdentity.checked(validator,
                signed(providerKey, c -> c.claim("amr", List.of("", 7, "otp")).claim("acr", "")), NONCE, "employee_id");
        assertEquals(List.of("", "otp"), identity.amr());
        assertEquals("", identity.acr());
    }

    @Test
    void a_token_signed_by_another_key_is_forged() throws Exception {
        refused(signed(otherKey, c -> c), NONCE);
    }

    @Test
    void a_token_whose_payload_was_changed_after_signing_is_forged() throws Exception {
        String[] parts = signed(providerKey, c -> c).serialize().split("\\.");
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().claim("employee_id", "E9999").build().toString().getBytes(StandardCharsets.UTF_8));
        refused(SignedJWT.parse(parts[0] + "." + tampered + "." + parts[2]), NONCE);
    }

    @Test
    void an_unsigned_token_or_one_signed_with_the_public_key_as_a_secret_is_refused() throws Exception {
        refused(new PlainJWT(claims().build()), NONCE);
        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        confused.sign(new MACSigner(providerKey.toPublicJWK().toRSAPublicKey().getEncoded()));
        refused(confused, NONCE);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        refused(signed(providerKey, c -> c.issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(5))))), NONCE);
    }

    @Test
    void a_token_for_another_client_or_from_another_issuer_is_refused() throws Exception {
        refused(signed(providerKey, c -> c.audience("another-client")), NONCE);
        refused(signed(providerKey, c -> c.issuer("https://evil.example/realms/campus")), NONCE);
    }

    @Test
    void a_token_of_another_flow_is_refused_by_its_nonce() throws Exception {
        refused(signed(providerKey, c -> c), "nonce-of-another-flow");
        refused(signed(providerKey, c -> c.claim("nonce", null)), NONCE);
    }
}

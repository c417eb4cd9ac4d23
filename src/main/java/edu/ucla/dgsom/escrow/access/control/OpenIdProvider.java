package edu.ucla.dgsom.escrow.access.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The campus OpenID Connect provider, spoken to through Nimbus's OAuth 2.0 / OpenID Connect SDK: discovery, the
 * authorization code flow with PKCE (S256), {@code state} and {@code nonce}, the code exchange with the client secret,
 * and the ID token's checks (signature by the provider's published keys, issuer, audience, expiry, nonce).
 *
 * <p>What a flow must remember (state, nonce, PKCE verifier) is kept by the caller in the database, not here, so any
 * instance finishes a flow another started. This bean keeps only the provider's discovery document and key set, a
 * cache that any instance may fetch again.
 */
@ApplicationScoped
public class OpenIdProvider {

    /** How long a discovery document is trusted before it is fetched again; keys are refetched on an unknown kid. */
    private static final Duration DISCOVERY_FRESHNESS = Duration.ofMinutes(10);

    @Inject
    SingleSignOnSettings settings;

    private final AtomicReference<Discovered> discovered = new AtomicReference<>();

    /** Where to send the browser, and what the provider's answer must match. */
    public record Authorization(URI location, String state, String nonce, String codeVerifier) {

        @Override
        public String toString() {
            return "Authorization[" + location.getHost() + ", values redacted]";
        }
    }

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator, Instant fetchedAt) {
    }

    /**
     * A new authorization request: fresh state, nonce and PKCE verifier. The discovery document is read afresh, so a
     * provider that is down is known here, before the browser is sent to it.
     */
    public Authorization authorize(URI redirectUri) throws ProviderFailure {
        OIDCProviderMetadata metadata = rediscovered().metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                Scope.parse(settings.scopes()), new ClientID(settings.clientId()), redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        return new Authorization(request.toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
    }

    /**
     * Exchanges the code the provider sent back for tokens and checks the ID token. {@code answeringIssuer} is the
     * answer's {@code iss} parameter (RFC 9207) if the provider sends one: it must be ours.
     */
    public ProviderIdentity redeem(String code, URI redirectUri, String codeVerifier, String nonce,
            String answeringIssuer) throws ProviderFailure {
        Discovered provider = discovered();
        if (answeringIssuer != null && !answeringIssuer.equals(provider.metadata().getIssuer().getValue())) {
            throw ProviderFailure.rejected("the answer names another issuer");
        }
        TokenRequest request = new TokenRequest(provider.metadata().getTokenEndpointURI(),
                clientAuthentication(provider.metadata()), new AuthorizationCodeGrant(new AuthorizationCode(code),
                redirectUri, new CodeVerifier(codeVerifier)));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(timed(request.toHTTPRequest()).send());
        } catch (IOException e) {
            throw ProviderFailure.unavailable("the token endpoint does not answer", e);
        } catch (ParseException e) {
            throw ProviderFailure.rejected("the token endpoint's answer is not an OpenID Connect token response");
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            int status = error.getErrorObject() == null ? 0 : error.getErrorObject().getHTTPStatusCode();
            if (status >= 500) {
                throw ProviderFailure.unavailable("the token endpoint answered " + status, null);
            }
            // The code was used, expired or is not ours: the error code says which, without any secret.
            throw ProviderFailure.rejected("the code was refused: " + (error.getErrorObject() == null ? "no reason"
                    : error.getErrorObject().getCode()));
        }
        JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw ProviderFailure.rejected("the token response carries no ID token");
        }
        return ProviderIdentity.checked(provider.validator(), idToken, nonce, settings.employeeIdClaim());
    }

    /**
     * The provider's end-session endpoint (RP-initiated logout) for a session it vouched for, if it offers one and
     * answers now; the person is sent back to {@code afterwards}.
     */
    public Optional<URI> endSession(String idToken, URI afterwards) {
        try {
            URI endpoint = discovered().metadata().getEndSessionEndpointURI();
            return Optional.ofNullable(endpoint).map(uri -> UriBuilder.fromUri(uri)
                    .queryParam("client_id", settings.clientId())
                    .queryParam("id_token_hint", idToken)
                    .queryParam("post_logout_redirect_uri", afterwards).build());
        } catch (ProviderFailure e) {
            // Signing out of the escrow never depends on the provider; its own session then stays.
            return Optional.empty();
        }
    }

    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        ClientID client = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> supported = metadata.getTokenEndpointAuthMethods();
        // client_secret_basic is the default (RFC 8414); post only for a provider that offers nothing else.
        return supported != null && !supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && supported.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
    }

    private Discovered discovered() throws ProviderFailure {
        Discovered current = discovered.get();
        if (current != null && current.fetchedAt().plus(DISCOVERY_FRESHNESS).isAfter(Instant.now())) {
            return current;
        }
        return rediscovered();
    }

    /** Reads the discovery document now; the key set (and its cache) stays while its address does. */
    private Discovered rediscovered() throws ProviderFailure {
        int millis = (int) settings.timeout().toMillis();
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), millis, millis);
        } catch (IOException | GeneralException e) {
            throw ProviderFailure.unavailable("the provider's discovery document cannot be read", e);
        }
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
            throw ProviderFailure.unavailable("the provider's discovery document lacks its keys or token endpoint",
                    null);
        }
        Discovered current = discovered.get();
        try {
            IDTokenValidator validator = current != null
                    && current.metadata().getJWKSetURI().equals(metadata.getJWKSetURI())
                    && current.metadata().getIssuer().equals(metadata.getIssuer()) ? current.validator()
                    : new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()), JWSAlgorithm.RS256,
                            metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(millis, millis));
            Discovered fresh = new Discovered(metadata, validator, Instant.now());
            discovered.set(fresh);
            return fresh;
        } catch (MalformedURLException e) {
            throw ProviderFailure.unavailable("the provider's key set address is not a URL", e);
        }
    }

    private HTTPRequest timed(HTTPRequest request) {
        int millis = (int) settings.timeout().toMillis();
        request.setConnectTimeout(millis);
        request.setReadTimeout(millis);
        return request;
    }
}

package edu.ucla.dgsom.escrow.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The campus OpenID Connect provider and local sign-in's reach (docs/sso.md lists every setting). Without an issuer
 * single sign-on is off and local sign-in is as it always was.
 */
@ApplicationScoped
public class SingleSignOnSettings {

    /** The amr values (RFC 8176) that say the provider checked more than a password. */
    private static final Set<String> MULTI_FACTOR_AMR = Set.of("mfa", "otp", "hwk");

    /** Who may sign in with a local password. */
    public enum LocalSignIn { EVERYONE, BREAK_GLASS }

    /** Whether the provider's own multi-factor sign-in spares the escrow's TOTP step; only stricter can be set. */
    public enum ProviderMfa { ACCEPTED, IGNORED }

    @Inject
    @ConfigProperty(name = "escrow.sso.issuer")
    Optional<URI> issuer;

    @Inject
    @ConfigProperty(name = "escrow.sso.name", defaultValue = "campus sign-in")
    String name;

    @Inject
    @ConfigProperty(name = "escrow.sso.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "escrow.sso.client-secret-file")
    Optional<Path> clientSecretFile;

    @Inject
    @ConfigProperty(name = "escrow.sso.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "escrow.sso.scopes", defaultValue = "openid email profile")
    String scopes;

    @Inject
    @ConfigProperty(name = "escrow.sso.employee-id-claim", defaultValue = "employee_id")
    String employeeIdClaim;

    @Inject
    @ConfigProperty(name = "escrow.sso.redirect-uri")
    Optional<URI> redirectUri;

    @Inject
    @ConfigProperty(name = "escrow.sso.provider-mfa", defaultValue = "accepted")
    String providerMfa;

    @Inject
    @ConfigProperty(name = "escrow.sso.mfa-acr")
    Optional<String> mfaAcr;

    @Inject
    @ConfigProperty(name = "escrow.sso.timeout", defaultValue = "PT5S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "escrow.sign-in.local", defaultValue = "everyone")
    String localSignIn;

    @Inject
    @ConfigProperty(name = "escrow.sign-in.break-glass")
    Optional<String> breakGlass;

    public boolean enabled() {
        return issuer.isPresent();
    }

    public URI issuer() {
        return issuer.orElseThrow(() -> new IllegalStateException("escrow.sso.issuer is not set"));
    }

    public String name() {
        return name;
    }

    public String clientId() {
        return clientId.filter(id -> !id.isBlank())
                .orElseThrow(() -> new IllegalStateException("escrow.sso.client-id is not set"));
    }

    /** The client secret, read from its file at each use so that a rotated secret needs no restart. */
    public String clientSecret() {
        if (clientSecretFile.isPresent()) {
            try {
                return Files.readString(clientSecretFile.get()).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("escrow.sso.client-secret-file cannot be read", e);
            }
        }
        return clientSecret.filter(secret -> !secret.isBlank()).orElseThrow(() -> new IllegalStateException(
                "neither escrow.sso.client-secret-file nor escrow.sso.client-secret is set"));
    }

    public String scopes() {
        return scopes.contains("openid") ? scopes : "openid " + scopes;
    }

    public String employeeIdClaim() {
        return employeeIdClaim;
    }

    /**
     * Where the provider sends browsers back: configured, never taken from a request's Host header, so that no
     * request can have a code sent elsewhere. Its origin is also where the console's pages are.
     */
    public URI redirectUri() {
        return redirectUri.orElseThrow(() -> new IllegalStateException("escrow.sso.redirect-uri is not set"));
    }

    /**
     * Fails the deployment on settings that cannot work, naming the setting, rather than failing sign-ins later
     * (break-glass ones included). Without an issuer only the local sign-in settings are checked.
     */
    void checkedAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        localSignIn();
        if (!enabled()) {
            return;
        }
        requireAbsoluteHttp("escrow.sso.issuer", issuer());
        requireAbsoluteHttp("escrow.sso.redirect-uri", redirectUri());
        clientId();
        clientSecret();
        multiFactor(List.of(), null);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("escrow.sso.timeout must be positive");
        }
    }

    private static void requireAbsoluteHttp(String setting, URI uri) {
        if (!uri.isAbsolute() || !Set.of("http", "https").contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException(setting + " must be an absolute http(s) URL");
        }
    }

    /** Whether an ID token with these amr and acr values shows a multi-factor sign-in this installation accepts. */
    public boolean multiFactor(List<String> amr, String acr) {
        if (providerMfa() == ProviderMfa.IGNORED) {
            return false;
        }
        return amr.stream().anyMatch(MULTI_FACTOR_AMR::contains)
                || acr != null && listed(mfaAcr).contains(acr);
    }

    private ProviderMfa providerMfa() {
        try {
            return ProviderMfa.valueOf(providerMfa.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("escrow.sso.provider-mfa must be accepted or ignored", e);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    public LocalSignIn localSignIn() {
        try {
            return LocalSignIn.valueOf(localSignIn.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("escrow.sign-in.local must be everyone or break-glass", e);
        }
    }

    /** The usernames that may still sign in with a password when local sign-in is for break-glass only. */
    public Set<String> breakGlassUsernames() {
        return listed(breakGlass).stream().map(u -> u.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether local password sign-in is kept for break-glass usernames only. Without a provider it never is: nobody
     * but them could sign in at all.
     */
    public boolean breakGlassOnly() {
        return enabled() && localSignIn() == LocalSignIn.BREAK_GLASS;
    }

    /** Whether a password sign-in of this (normalized) username is allowed at all. */
    public boolean allowsLocalSignIn(String username) {
        return !breakGlassOnly() || breakGlassUsernames().contains(username);
    }

    /** A comma-separated setting's values: Payara's config producer cannot inject an Optional<List<String>>. */
    private static List<String> listed(Optional<String> setting) {
        return setting.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList();
    }
}

package edu.ucla.dgsom.escrow.imports.entity;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an imported login lives, read from its web address: the platform its host belongs to (else OTHER, named by
 * the host), and the profile's handle from the address's path when it names one (not a sign-in page). Password
 * managers keep the address the login was saved on, often a sign-in page: then the handle is the login's own name.
 */
public record ProfileAddress(Platform platform, String platformName, String handle, String profileUrl) {

    /** Path segments that are pages of the site rather than a profile. */
    private static final Set<String> NOT_PROFILES = Set.of("login", "signin", "sign-in", "signup", "accounts",
            "account", "auth", "home", "settings", "i", "flow", "uas", "checkpoint", "feed", "index.php", "login.php",
            "session", "sessions", "oauth", "web", "creator-studio", "studio", "business", "ads", "dashboard");
    /** Path segments that introduce a profile's name on some sites (linkedin.com/company/x, youtube.com/c/x). */
    private static final Set<String> PREFIXES = Set.of("company", "school", "showcase", "in", "c", "channel", "user",
            "pages");
    private static final int MAX_HANDLE = 200;
    private static final int MAX_PLATFORM_NAME = 60;

    /**
     * The profile {@code url} names, falling back on {@code loginName} for the handle; empty when the address has no
     * host or neither gives a handle.
     */
    public static Optional<ProfileAddress> of(String url, String loginName) {
        Optional<URI> address = parse(url);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        URI uri = address.get();
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^(www|m|mobile)\\.", "");
        Platform platform = Platform.ofHost(host).orElse(Platform.OTHER);
        Optional<String> profile = profileName(uri.getPath());
        String handle = profile.map(name -> "@" + name).orElse(loginName == null ? null : loginName.strip());
        if (handle == null || handle.isEmpty() || handle.length() > MAX_HANDLE) {
            return Optional.empty();
        }
        String platformName = platform == Platform.OTHER ? clip(host, MAX_PLATFORM_NAME) : null;
        String profileUrl = profile.isPresent() ? "https://" + uri.getHost() + uri.getRawPath() : null;
        return Optional.of(new ProfileAddress(platform, platformName, handle, profileUrl));
    }

    /** The account's identity in the registry: see {@link Platform#identityKey}. */
    public String identityKey() {
        return platform.identityKey(platformName, handle);
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String text = url.strip();
        try {
            URI uri = new URI(text.contains("://") ? text : "https://" + text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http")) ? Optional.of(uri)
                    : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> profileName(String path) {
        if (path == null) {
            return Optional.empty();
        }
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isBlank()).toList();
        int first = !segments.isEmpty() && PREFIXES.contains(segments.get(0).toLowerCase(Locale.ROOT)) ? 1 : 0;
        if (segments.size() <= first) {
            return Optional.empty();
        }
        String name = segments.get(first).replaceFirst("^@", "");
        return NOT_PROFILES.contains(name.toLowerCase(Locale.ROOT)) || name.isEmpty() || name.length() > MAX_HANDLE
                ? Optional.empty() : Optional.of(name);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

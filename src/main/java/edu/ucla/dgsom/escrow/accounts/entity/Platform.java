package edu.ucla.dgsom.escrow.accounts.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The social networks the school's official accounts live on, with the longest password each accepts (generated
 * passwords stay within it) and the web hosts that are theirs (an imported login's address names its platform).
 */
public enum Platform {
    FACEBOOK(64, "facebook.com", "fb.com", "fb.me"),
    INSTAGRAM(64, "instagram.com"),
    X(64, "x.com", "twitter.com"),
    LINKEDIN(64, "linkedin.com"),
    YOUTUBE(64, "youtube.com", "youtu.be"),
    TIKTOK(20, "tiktok.com"),
    THREADS(64, "threads.net", "threads.com"),
    PINTEREST(64, "pinterest.com"),
    FLICKR(64, "flickr.com"),
    SHARECARE(32, "sharecare.com"),
    OTHER(64);

    private final int maxPasswordLength;
    private final List<String> hosts;

    Platform(int maxPasswordLength, String... hosts) {
        this.maxPasswordLength = maxPasswordLength;
        this.hosts = List.of(hosts);
    }

    public int maxPasswordLength() {
        return maxPasswordLength;
    }

    /**
     * The account named {@code handle} on this platform ({@code platformName} for OTHER), case-folded: one
     * registration per real account.
     */
    public String identityKey(String platformName, String handle) {
        return (name() + "\n" + (platformName == null ? "" : platformName) + "\n" + handle).toLowerCase(Locale.ROOT);
    }

    /** The platform whose site {@code host} is (the host itself or one of its subdomains), if any. */
    public static Optional<Platform> ofHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(platform -> platform.hosts.stream()
                .anyMatch(own -> name.equals(own) || name.endsWith("." + own))).findFirst();
    }
}

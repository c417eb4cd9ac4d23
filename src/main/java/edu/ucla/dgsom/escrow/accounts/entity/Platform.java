package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * The social networks the school's official accounts live on, with the longest password each accepts (generated
 * passwords stay within it).
 */
public enum Platform {
    FACEBOOK(64),
    INSTAGRAM(64),
    X(64),
    LINKEDIN(64),
    YOUTUBE(64),
    TIKTOK(20),
    THREADS(64),
    PINTEREST(64),
    FLICKR(64),
    SHARECARE(32),
    OTHER(64);

    private final int maxPasswordLength;

    Platform(int maxPasswordLength) {
        this.maxPasswordLength = maxPasswordLength;
    }

    public int maxPasswordLength() {
        return maxPasswordLength;
    }
}

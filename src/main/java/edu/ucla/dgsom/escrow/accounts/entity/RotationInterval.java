package edu.ucla.dgsom.escrow.accounts.entity;

/**
 * How many days an account's credentials may serve before they are due for rotation, and where that number comes
 * from: the account's own interval, its platform's default, or the global default.
 */
public record RotationInterval(int days, Source source) {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 730;

    /** Where an interval comes from, most specific first. */
    public enum Source { ACCOUNT, PLATFORM, DEFAULT }

    public RotationInterval {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("a rotation interval is " + MIN_DAYS + " to " + MAX_DAYS + " days");
        }
    }

    public static RotationInterval ofAccount(int days) {
        return new RotationInterval(days, Source.ACCOUNT);
    }
}

package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.AccountStatus;
import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An order of the account list: one field, ascending or descending, then the account id (so that every order is total
 * and pages by keyset). Spelled as the API spells it: the field's name, with a leading {@code -} for descending.
 */
public record AccountSort(Field field, Direction direction) {

    public static final AccountSort DEFAULT = new AccountSort(Field.DISPLAY_NAME, Direction.ASCENDING);

    public enum Direction { ASCENDING, DESCENDING }

    /**
     * What the list can be sorted by: the name the API uses, the JPQL path, and how an account's value is written in
     * a cursor and read back as a query parameter. Platforms and statuses sort by their codes; departments by id (it
     * groups them); accounts without a rotation due date come last either way.
     */
    public enum Field {
        DISPLAY_NAME("displayName", "a.displayName", OfficialAccount::displayName, text -> text),
        PLATFORM("platform", "a.platform", a -> a.platform().name(), Platform::valueOf),
        DEPARTMENT("department", "a.departmentId", OfficialAccount::departmentId, text -> text),
        STATUS("status", "a.standing.status", a -> a.status().name(), AccountStatus::valueOf),
        ROTATION_DUE_AT("rotationDueAt", "a.rotation.requiredBy", a -> text(a.rotation().requiredBy()), Instant::parse),
        UPDATED_AT("updatedAt", "a.updatedAt", a -> text(a.updatedAt()), Instant::parse);

        private final String apiName;
        private final String path;
        private final Function<OfficialAccount, String> value;
        private final Function<String, Object> parameter;

        Field(String apiName, String path, Function<OfficialAccount, String> value, Function<String, Object> parameter) {
            this.apiName = apiName;
            this.path = path;
            this.value = value;
            this.parameter = parameter;
        }

        public String apiName() {
            return apiName;
        }

        String path() {
            return path;
        }

        /** The account's value of this field as a cursor keeps it; null when it has none. */
        String valueOf(OfficialAccount account) {
            return value.apply(account);
        }

        /** A value from a cursor as a query parameter; IllegalArgumentException (or a parse error) if it is not one. */
        Object parameter(String text) {
            return parameter.apply(text);
        }

        /** Whether an account may lack a value; those come last whichever the direction. */
        boolean nullable() {
            return this == ROTATION_DUE_AT;
        }

        /** Enumerations compare only for equality in JPQL: their later values are listed instead. */
        Optional<List<?>> enumeration() {
            return switch (this) {
                case PLATFORM -> Optional.of(Arrays.asList(Platform.values()));
                case STATUS -> Optional.of(Arrays.asList(AccountStatus.values()));
                default -> Optional.empty();
            };
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /** The sort a query parameter names ({@code displayName}, {@code -updatedAt}, ...); empty if none. */
    public static Optional<AccountSort> parse(String text) {
        boolean descending = text.startsWith("-");
        String name = descending ? text.substring(1) : text;
        return Arrays.stream(Field.values()).filter(f -> f.apiName.equals(name)).findFirst()
                .map(f -> new AccountSort(f, descending ? Direction.DESCENDING : Direction.ASCENDING));
    }

    /** The names {@link #parse} knows, for a problem's message. */
    public static String names() {
        return Arrays.stream(Field.values()).map(Field::apiName).collect(Collectors.joining(", "))
                + " (a leading - for descending)";
    }

    /** How the API spells this sort. */
    public String spelled() {
        return (direction == Direction.DESCENDING ? "-" : "") + field.apiName;
    }

    /** The JPQL comparison that comes after a value in this order. */
    String after() {
        return direction == Direction.ASCENDING ? ">" : "<";
    }

    /** The JPQL ORDER BY of this sort. */
    String orderBy() {
        String way = direction == Direction.ASCENDING ? " ASC" : " DESC";
        String nullsLast = field.nullable() ? "CASE WHEN " + field.path + " IS NULL THEN 1 ELSE 0 END, " : "";
        return " ORDER BY " + nullsLast + field.path + way + ", a.id" + way;
    }
}

package edu.ucla.dgsom.escrow.scim.control;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a SCIM POST, PUT or PATCH says about a person; null means "not mentioned". Each value fits its database column
 * (and names stay within the REST API's 200 characters) or the changes are refused before anything is stored.
 */
public record ScimChanges(String userName, String externalId, String name, String givenName, String familyName,
        String email, Boolean active, String department) {

    public static final ScimChanges NONE = new ScimChanges(null, null, null, null, null, null, null, null);
    /** Column sizes of db/migration (person, department). */
    public static final int USER_NAME_MAX = 254;
    public static final int EXTERNAL_ID_MAX = 64;
    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int DEPARTMENT_MAX = 32;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>]{1,64}@[^@\\s\"<>.]+(\\.[^@\\s\"<>.]+)+");

    public ScimChanges {
        fits(userName, USER_NAME_MAX, "userName");
        fits(externalId, EXTERNAL_ID_MAX, "externalId");
        fits(name, NAME_MAX, "displayName");
        fits(givenName, NAME_MAX, "name.givenName");
        fits(familyName, NAME_MAX, "name.familyName");
        fits(email, EMAIL_MAX, "emails");
        fits(department, DEPARTMENT_MAX, "department");
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw invalid("emails", "emails.value is not an e-mail address");
        }
    }

    public ScimChanges merge(ScimChanges later) {
        return new ScimChanges(pick(later.userName, userName), pick(later.externalId, externalId),
                pick(later.name, name), pick(later.givenName, givenName), pick(later.familyName, familyName),
                pick(later.email, email), later.active != null ? later.active : active,
                pick(later.department, department));
    }

    /** The name to show: the formatted name or displayName, else given and family name, else null. */
    public String fullName() {
        if (name != null || (givenName == null && familyName == null)) {
            return name;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return joined.length() > NAME_MAX ? joined.substring(0, NAME_MAX) : joined;
    }

    private static String pick(String later, String earlier) {
        return later != null ? later : earlier;
    }

    private static void fits(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw invalid(field, field + " is longer than " + max + " characters");
        }
    }

    /** A 400 whose SCIM type is invalidValue (the field alone would say otherwise for externalId). */
    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail,
                List.of(new Problem.FieldError(field, "invalidValue")));
    }
}

package edu.ucla.dgsom.escrow.problems;

import java.util.List;
import java.util.Set;

/**
 * A problem as SCIM clients expect it (RFC 7644, section 3.12): exactly the SCIM error schema, the status as a
 * string, a {@code scimType} where section 3.12 defines one (400 and 409) and the detail. Used for every error under
 * {@code /scim/v2}, so identity systems see their own error shape; the request id is in the X-Request-Id header.
 */
public record ScimError(List<String> schemas, String status, String scimType, String detail) {

    public static final String MEDIA_TYPE = "application/scim+json";
    private static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** RFC 7644's 400 scimTypes; SCIM code names one as a field error's message when the field alone cannot say. */
    private static final Set<String> BAD_REQUEST_TYPES = Set.of("invalidFilter", "tooMany", "mutability",
            "invalidSyntax", "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive");

    /** Whether a request path is one of SCIM's (directly, or forwarded to the API's SCIM resources). */
    public static boolean applies(String requestUri) {
        return requestUri.startsWith("/scim/v2") || requestUri.startsWith("/api/v1/scim/v2");
    }

    public static ScimError of(Problem problem) {
        return new ScimError(List.of(SCHEMA), Integer.toString(problem.status()), scimType(problem),
                problem.detail());
    }

    /** RFC 7644's scimType for 400 and 409 answers; the first field error says which kind of 400 it is. */
    private static String scimType(Problem problem) {
        if (problem.status() == 409) {
            return "uniqueness";
        }
        if (problem.status() != 400) {
            return null;
        }
        Problem.FieldError first = problem.errors() == null || problem.errors().isEmpty() ? null
                : problem.errors().get(0);
        if (first != null && BAD_REQUEST_TYPES.contains(first.message())) {
            return first.message();
        }
        return switch (first == null ? "" : first.field()) {
            case "filter" -> "invalidFilter";
            case "path" -> "invalidPath";
            case "externalId", "id" -> "mutability";
            default -> problem.type().toString().endsWith("/malformed-request") ? "invalidSyntax" : "invalidValue";
        };
    }
}

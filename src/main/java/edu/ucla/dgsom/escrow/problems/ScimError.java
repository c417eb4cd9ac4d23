package edu.ucla.dgsom.escrow.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * A problem as SCIM clients expect it (RFC 7644, section 3.12): the SCIM error schema, the status as a string and a
 * {@code scimType} where one applies. Used for every request under {@code /scim/v2}, so identity systems see their
 * own error shape; the detail and the request id are the same as in the problem document.
 */
public record ScimError(List<String> schemas, String status, String scimType, String detail, String requestId) {

    public static final String MEDIA_TYPE = "application/scim+json";
    private static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** Whether the request is one of SCIM's (directly, or forwarded to the API's SCIM resources). */
    public static boolean applies(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.startsWith("/scim/v2") || uri.startsWith("/api/v1/scim/v2");
    }

    public static ScimError of(Problem problem) {
        return new ScimError(List.of(SCHEMA), Integer.toString(problem.status()), scimType(problem),
                problem.detail(), problem.requestId());
    }

    /** RFC 7644's scimType for 400 and 409 answers; the first field error says which kind of 400 it is. */
    private static String scimType(Problem problem) {
        String field = problem.errors() == null || problem.errors().isEmpty() ? "" : problem.errors().get(0).field();
        if (problem.status() == 409) {
            return "uniqueness";
        }
        if (problem.status() != 400 && problem.status() != 422) {
            return null;
        }
        return switch (field) {
            case "filter" -> "invalidFilter";
            case "path" -> "invalidPath";
            case "externalId", "id" -> "mutability";
            default -> problem.type().toString().endsWith("/malformed-request") ? "invalidSyntax" : "invalidValue";
        };
    }
}

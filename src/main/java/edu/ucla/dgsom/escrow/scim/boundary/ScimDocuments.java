package edu.ucla.dgsom.escrow.scim.boundary;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.scim.control.ScimChanges;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.Map;

/**
 * Reading and writing SCIM User documents (RFC 7643). Attribute names are matched without regard to case, as SCIM
 * requires; attributes the escrow does not keep (title, addresses...) are accepted and ignored, so identity systems
 * that send them keep working.
 */
final class ScimDocuments {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ScimDocuments() {
    }

    static JsonObject user(PersonDetails person, String departmentCode, URI location) {
        JsonObjectBuilder name = JSON.createObjectBuilder().add("formatted", person.name());
        if (person.givenName() != null) {
            name.add("givenName", person.givenName());
        }
        if (person.familyName() != null) {
            name.add("familyName", person.familyName());
        }
        JsonObjectBuilder user = JSON.createObjectBuilder()
                .add("schemas", JSON.createArrayBuilder().add(USER).add(ENTERPRISE))
                .add("id", person.id()).add("externalId", person.employeeId())
                .add("userName", person.userName() != null ? person.userName() : person.email())
                .add("name", name)
                .add("displayName", person.name())
                .add("emails", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("value", person.email())
                        .add("type", "work").add("primary", true)))
                .add("active", person.active())
                .add(ENTERPRISE, JSON.createObjectBuilder().add("employeeNumber", person.employeeId())
                        .add("department", departmentCode == null ? "" : departmentCode))
                .add("meta", JSON.createObjectBuilder().add("resourceType", "User")
                        .add("created", person.createdAt().toString())
                        .add("lastModified", person.updatedAt().toString()).add("location", location.toString()));
        return user.build();
    }

    /** A request body, which SCIM requires to be a JSON object (not an array, a string, a number or null). */
    static JsonObject body(JsonValue body) {
        if (body instanceof JsonObject object) {
            return object;
        }
        throw refused("request", "invalidSyntax", "The request body must be a JSON object");
    }

    /** The attributes of a whole User document (POST, PUT, or a PATCH value without a path). */
    static ScimChanges changes(JsonObject document) {
        String formatted = null;
        String given = null;
        String family = null;
        JsonValue nameValue = get(document, "name");
        if (nameValue instanceof JsonObject nameObject) {
            formatted = text(nameObject, "formatted", "name.formatted");
            given = text(nameObject, "givenName", "name.givenName");
            family = text(nameObject, "familyName", "name.familyName");
        } else if (present(nameValue)) {
            throw refused("name", "invalidValue", "name must be an object");
        }
        String displayName = text(document, "displayName", "displayName");
        String employeeNumber = null;
        String department = null;
        JsonValue enterpriseValue = get(document, ENTERPRISE);
        if (enterpriseValue instanceof JsonObject enterprise) {
            employeeNumber = text(enterprise, "employeeNumber", "employeeNumber");
            department = text(enterprise, "department", "department");
        } else if (present(enterpriseValue)) {
            throw refused(ENTERPRISE, "invalidValue", "The enterprise extension must be an object");
        }
        String externalId = text(document, "externalId", "externalId");
        return new ScimChanges(text(document, "userName", "userName"), externalId != null ? externalId
                : employeeNumber, formatted != null ? formatted : displayName, given, family,
                email(get(document, "emails")), bool(get(document, "active"), "active"), department);
    }

    /**
     * A PatchOp request (RFC 7644, 3.5.2) as the changes it makes. A path naming an attribute of RFC 7643's User or
     * enterprise schema that this service does not keep is accepted and ignored, like such attributes in a whole
     * document; any other path is an invalidPath. Removing is a no-op (nothing kept can be removed) but needs a path.
     */
    static ScimChanges patch(JsonObject request) {
        JsonValue operations = get(request, "Operations");
        if (!(operations instanceof JsonArray list) || list.isEmpty()) {
            throw refused("Operations", "invalidSyntax", "A PatchOp needs a non-empty Operations array");
        }
        ScimChanges changes = ScimChanges.NONE;
        for (JsonValue value : list) {
            if (!(value instanceof JsonObject operation)) {
                throw refused("Operations", "invalidSyntax", "Each operation must be an object");
            }
            String op = text(operation, "op", "op");
            if (op == null || !List.of("add", "replace", "remove").contains(op.toLowerCase(Locale.ROOT))) {
                throw refused("op", "invalidValue", "op must be add, replace or remove");
            }
            String path = text(operation, "path", "path");
            JsonValue operand = get(operation, "value");
            if (op.equalsIgnoreCase("remove")) {
                if (path == null) {
                    throw refused("path", "noTarget", "A remove operation needs a path");
                }
                document(path, JsonValue.NULL);
                continue;
            }
            if (!present(operand)) {
                throw refused("value", "invalidValue", "An " + op + " operation needs a value");
            }
            if (path == null) {
                if (!(operand instanceof JsonObject object)) {
                    throw refused("value", "invalidValue", "Without a path, the value must be an object of attributes");
                }
                changes = changes.merge(changes(object));
            } else {
                changes = changes.merge(changes(document(path, operand)));
            }
        }
        return changes;
    }

    /** The whole-document equivalent of setting {@code path} to {@code value}; an unknown path is invalidPath. */
    private static JsonObject document(String path, JsonValue value) {
        String attribute = path.strip();
        String lower = attribute.toLowerCase(Locale.ROOT);
        if (lower.startsWith(ENTERPRISE.toLowerCase(Locale.ROOT) + ":")) {
            String sub = attribute.substring(ENTERPRISE.length() + 1);
            if (sub.matches("(?i)employeeNumber|department")) {
                return JSON.createObjectBuilder().add(ENTERPRISE, JSON.createObjectBuilder().add(sub, value)).build();
            }
            return ignoredOrInvalid(names(ENTERPRISE_IGNORED, ""), sub, path);
        }
        if (lower.startsWith(USER.toLowerCase(Locale.ROOT) + ":")) {
            attribute = attribute.substring(USER.length() + 1);
            lower = attribute.toLowerCase(Locale.ROOT);
        }
        if (lower.matches("username|externalid|displayname|active|emails|name")) {
            return JSON.createObjectBuilder().add(attribute, value).build();
        }
        if (lower.matches("name\\.(formatted|givenname|familyname)")) {
            return JSON.createObjectBuilder().add("name", JSON.createObjectBuilder()
                    .add(attribute.substring(5), value)).build();
        }
        if (lower.matches("emails\\[[^\\]]*\\](\\.value)?")) {
            JsonValue email = lower.endsWith(".value") ? JSON.createObjectBuilder().add("value", value).build() : value;
            return JSON.createObjectBuilder().add("emails", JSON.createArrayBuilder().add(email)).build();
        }
        return ignoredOrInvalid(Stream.concat(names(USER_IGNORED, "").stream(), names(NAME_IGNORED, "name.").stream())
                .toList(), attribute, path);
    }

    private static JsonObject ignoredOrInvalid(List<String> ignored, String attribute, String path) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        if (ignored.stream().map(name -> name.toLowerCase(Locale.ROOT)).anyMatch(name -> lower.equals(name)
                || lower.startsWith(name + ".") || lower.startsWith(name + "["))) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        throw refused("path", "invalidPath", "No attribute " + (path.length() > 100 ? path.substring(0, 100) + "..."
                : path) + " in the User schema");
    }

    /** An attribute of RFC 7643 that identity systems send and this service accepts, but neither keeps nor returns. */
    record Ignored(String name, String type, boolean multiValued) {

        static Ignored text(String name) {
            return new Ignored(name, "string", false);
        }

        static Ignored complex(String name) {
            return new Ignored(name, "complex", true);
        }
    }

    /** The User's (RFC 7643, section 4.1). */
    static final List<Ignored> USER_IGNORED = List.of(Ignored.text("nickName"),
            new Ignored("profileUrl", "reference", false), Ignored.text("title"), Ignored.text("userType"),
            Ignored.text("preferredLanguage"), Ignored.text("locale"), Ignored.text("timezone"),
            Ignored.text("password"), Ignored.complex("phoneNumbers"), Ignored.complex("ims"),
            Ignored.complex("photos"), Ignored.complex("addresses"), Ignored.complex("groups"),
            Ignored.complex("entitlements"), Ignored.complex("roles"), Ignored.complex("x509Certificates"));
    /** The sub-attributes of the User's name. */
    static final List<Ignored> NAME_IGNORED = List.of(Ignored.text("middleName"), Ignored.text("honorificPrefix"),
            Ignored.text("honorificSuffix"));
    /** The enterprise extension's (RFC 7643, section 4.3). */
    static final List<Ignored> ENTERPRISE_IGNORED = List.of(Ignored.text("costCenter"), Ignored.text("organization"),
            Ignored.text("division"), new Ignored("manager", "complex", false));

    private static List<String> names(List<Ignored> ignored, String prefix) {
        return ignored.stream().map(attribute -> prefix + attribute.name()).toList();
    }

    private static ProblemException refused(String field, String scimType, String detail) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail,
                List.of(new Problem.FieldError(field, scimType)));
    }

    private static boolean present(JsonValue value) {
        return value != null && value != JsonValue.NULL;
    }

    private static String email(JsonValue emails) {
        if (!present(emails)) {
            return null;
        }
        if (!(emails instanceof JsonArray array)) {
            throw refused("emails", "invalidValue", "emails must be an array of objects");
        }
        JsonObject chosen = null;
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject email)) {
                throw refused("emails", "invalidValue", "emails must be an array of objects");
            }
            if (chosen == null || Boolean.TRUE.equals(bool(get(email, "primary"), "emails.primary"))) {
                chosen = email;
            }
        }
        return chosen == null ? null : text(chosen, "value", "emails.value");
    }

    /** SCIM booleans; Entra ID sends "True" and "False" as strings. */
    private static Boolean bool(JsonValue value, String field) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        if (value instanceof JsonString string && List.of("true", "false").contains(string.getString().strip()
                .toLowerCase(Locale.ROOT))) {
            return Boolean.parseBoolean(string.getString().strip());
        }
        throw refused(field, "invalidValue", field + " must be true or false");
    }

    /** A string attribute, stripped; blank or null is "not given", any other JSON type is refused. */
    private static String text(JsonObject object, String name, String field) {
        JsonValue value = get(object, name);
        if (!present(value)) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw refused(field, "invalidValue", field + " must be a string");
        }
        return string.getString().isBlank() ? null : string.getString().strip();
    }

    private static JsonValue get(JsonObject object, String name) {
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

}

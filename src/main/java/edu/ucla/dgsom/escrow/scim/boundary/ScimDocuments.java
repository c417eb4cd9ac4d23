package edu.ucla.dgsom.escrow.scim.boundary;

import edu.ucla.dgsom.escrow.access.entity.Person;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.scim.control.ScimChanges;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Locale;
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

    static JsonObject user(Person person, String departmentCode, URI location) {
        JsonObjectBuilder user = Json.createObjectBuilder()
                .add("schemas", Json.createArrayBuilder().add(USER).add(ENTERPRISE))
                .add("id", person.id()).add("externalId", person.employeeId())
                .add("userName", person.userName() != null ? person.userName() : person.email())
                .add("name", Json.createObjectBuilder().add("formatted", person.name()))
                .add("displayName", person.name())
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder().add("value", person.email())
                        .add("type", "work").add("primary", true)))
                .add("active", person.active())
                .add(ENTERPRISE, Json.createObjectBuilder().add("employeeNumber", person.employeeId())
                        .add("department", departmentCode == null ? "" : departmentCode))
                .add("meta", Json.createObjectBuilder().add("resourceType", "User")
                        .add("created", person.createdAt().toString())
                        .add("lastModified", person.updatedAt().toString()).add("location", location.toString()));
        return user.build();
    }

    /** The attributes of a whole User document (POST, PUT, or a PATCH value without a path). */
    static ScimChanges changes(JsonObject document) {
        String name = null;
        JsonValue nameValue = get(document, "name");
        if (nameValue instanceof JsonObject nameObject) {
            name = text(nameObject, "formatted");
            if (name == null) {
                String given = text(nameObject, "givenName");
                String family = text(nameObject, "familyName");
                name = given == null && family == null ? null
                        : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
            }
        }
        if (name == null) {
            name = text(document, "displayName");
        }
        String employeeNumber = null;
        String department = null;
        if (get(document, ENTERPRISE) instanceof JsonObject enterprise) {
            employeeNumber = text(enterprise, "employeeNumber");
            department = text(enterprise, "department");
        }
        String externalId = text(document, "externalId");
        return new ScimChanges(text(document, "userName"), externalId != null ? externalId : employeeNumber, name,
                email(get(document, "emails")), bool(get(document, "active"), "active"), department);
    }

    /** A PatchOp request (RFC 7644, 3.5.2) as the changes it makes; unknown paths are ignored. */
    static ScimChanges patch(JsonObject request) {
        JsonValue operations = get(request, "Operations");
        if (!(operations instanceof JsonArray list) || list.isEmpty()) {
            throw ProblemException.invalidField("Operations", "a PatchOp needs Operations");
        }
        ScimChanges changes = new ScimChanges(null, null, null, null, null, null);
        for (JsonValue value : list) {
            if (!(value instanceof JsonObject operation)) {
                throw ProblemException.invalidField("Operations", "each operation is an object");
            }
            String op = text(operation, "op");
            if (op == null || !List.of("add", "replace", "remove").contains(op.toLowerCase(Locale.ROOT))) {
                throw ProblemException.invalidField("op", "add, replace or remove");
            }
            if (op.equalsIgnoreCase("remove")) {
                continue;
            }
            String path = text(operation, "path");
            JsonValue operand = get(operation, "value");
            if (path == null) {
                if (!(operand instanceof JsonObject object)) {
                    throw ProblemException.invalidField("path",
                            "without a path, the value must be an object of attributes");
                }
                changes = changes.merge(changes(object));
            } else {
                changes = changes.merge(at(path, operand));
            }
        }
        return changes;
    }

    private static ScimChanges at(String path, JsonValue value) {
        String normalized = path.strip().toLowerCase(Locale.ROOT);
        String plain = value instanceof JsonString string ? string.getString() : null;
        if (normalized.startsWith(ENTERPRISE.toLowerCase(Locale.ROOT) + ":")) {
            normalized = normalized.substring(ENTERPRISE.length() + 1);
            if (normalized.equals("department")) {
                return new ScimChanges(null, null, null, null, null, plain);
            }
            return new ScimChanges(null, null, null, null, null, null);
        }
        return switch (normalized) {
            case "active" -> new ScimChanges(null, null, null, null, bool(value, "active"), null);
            case "username" -> new ScimChanges(plain, null, null, null, null, null);
            case "externalid" -> new ScimChanges(null, plain, null, null, null, null);
            case "displayname", "name.formatted" -> new ScimChanges(null, null, plain, null, null, null);
            case "emails" -> new ScimChanges(null, null, null, email(value), null, null);
            default -> normalized.startsWith("emails[") && normalized.endsWith("].value")
                    ? new ScimChanges(null, null, null, plain, null, null)
                    : new ScimChanges(null, null, null, null, null, null);
        };
    }

    private static String email(JsonValue emails) {
        if (!(emails instanceof JsonArray array) || array.isEmpty()) {
            return null;
        }
        JsonObject chosen = null;
        for (JsonValue value : array) {
            if (value instanceof JsonObject email && (chosen == null
                    || Boolean.TRUE.equals(bool(get(email, "primary"), "emails.primary")))) {
                chosen = email;
            }
        }
        return chosen == null ? null : text(chosen, "value");
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
        throw ProblemException.invalidField(field, "true or false");
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = get(object, name);
        return value instanceof JsonString string && !string.getString().isBlank() ? string.getString().strip() : null;
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

package edu.ucla.dgsom.escrow.scim.boundary;

import static edu.ucla.dgsom.escrow.web.SharedJsonProvider.JSON;

import edu.ucla.dgsom.escrow.problems.ScimError;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SCIM's discovery endpoints (RFC 7644, section 4): what this service provider supports. */
@Path("scim/v2")
@ApplicationScoped
@Tag(name = "SCIM")
@Produces({ScimError.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Allowed({Role.HR_INTEGRATION, Role.DGIT_ADMIN})
public class ScimDiscoveryResource {

    private static final String CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    @GET
    @Path("ServiceProviderConfig")
    @Operation(operationId = "getScimServiceProviderConfig", summary = "SCIM service provider configuration")
    public JsonObject serviceProviderConfig() {
        return JSON.createObjectBuilder().add("schemas", JSON.createArrayBuilder().add(CONFIG))
                .add("patch", supported(true)).add("bulk", supported(false).add("maxOperations", 0)
                        .add("maxPayloadSize", 0))
                .add("filter", supported(true).add("maxResults", 200)).add("changePassword", supported(false))
                .add("sort", supported(false)).add("etag", supported(false))
                .add("authenticationSchemes", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("type", "oauthbearertoken").add("name", "Bearer token")
                        .add("description", "An HR_INTEGRATION API token as Authorization: Bearer").add("primary", true)))
                .add("meta", meta("ServiceProviderConfig", "ServiceProviderConfig"))
                .build();
    }

    @GET
    @Path("ResourceTypes")
    @Operation(operationId = "listScimResourceTypes", summary = "SCIM resource types: User")
    public JsonObject resourceTypes() {
        return list(JSON.createObjectBuilder().add("schemas", JSON.createArrayBuilder().add(RESOURCE_TYPE))
                .add("id", "User").add("name", "User").add("endpoint", "/Users").add("schema", ScimDocuments.USER)
                .add("description", "A workforce member").add("schemaExtensions", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder().add("schema", ScimDocuments.ENTERPRISE).add("required", false)))
                .add("meta", meta("ResourceType", "ResourceTypes/User")).build());
    }

    @GET
    @Path("Schemas")
    @Operation(operationId = "listScimSchemas",
            summary = "SCIM schemas: every User attribute this service accepts and returns")
    public JsonObject schemas() {
        return list(userSchema(), enterpriseSchema());
    }

    private static JsonObject userSchema() {
        return JSON.createObjectBuilder().add("schemas", JSON.createArrayBuilder().add(SCHEMA))
                .add("id", ScimDocuments.USER).add("name", "User").add("description", "A workforce member")
                .add("attributes", JSON.createArrayBuilder()
                        .add(string("userName", "The identity system's unique key for the person", true,
                                "readWrite", "server"))
                        .add(JSON.createObjectBuilder(attribute("name", "complex", "The person's name", false,
                                "readWrite", "none", false)).add("subAttributes", JSON.createArrayBuilder()
                                        .add(string("formatted", "The whole name (also displayName)", false,
                                                "readWrite", "none"))
                                        .add(string("givenName", "Given name", false, "readWrite", "none"))
                                        .add(string("familyName", "Family name", false, "readWrite", "none"))
                                        .addAll(ignored(ScimDocuments.NAME_IGNORED))))
                        .add(string("displayName", "The name shown; the same as name.formatted", false, "readWrite",
                                "none"))
                        .add(JSON.createObjectBuilder(attribute("emails", "complex",
                                "The work e-mail address (one; the primary one is kept)", false, "readWrite", "none",
                                false)).add("multiValued", true).add("subAttributes", JSON.createArrayBuilder()
                                        .add(string("value", "An e-mail address", false, "readWrite", "none"))
                                        .add(JSON.createObjectBuilder(string("type", "Always work when returned",
                                                false, "readWrite", "none"))
                                                .add("canonicalValues", JSON.createArrayBuilder().add("work")))
                                        .add(attribute("primary", "boolean", "Which address is kept", false,
                                                "readWrite", "none", false))))
                        .add(attribute("active", "boolean", "false offboards the person; true reactivates them",
                                false, "readWrite", "none", false))
                        .addAll(ignored(ScimDocuments.USER_IGNORED)))
                .add("meta", meta("Schema", "Schemas/" + ScimDocuments.USER))
                .build();
    }

    private static JsonObject enterpriseSchema() {
        return JSON.createObjectBuilder().add("schemas", JSON.createArrayBuilder().add(SCHEMA))
                .add("id", ScimDocuments.ENTERPRISE).add("name", "EnterpriseUser")
                .add("description", "Enterprise User")
                .add("attributes", JSON.createArrayBuilder()
                        .add(JSON.createObjectBuilder(string("employeeNumber",
                                "The HR employee id; the same as externalId, and it does not change", false,
                                "immutable", "server")).add("caseExact", true))
                        .add(string("department", "A department code of the escrow", false, "readWrite", "none"))
                        .addAll(ignored(ScimDocuments.ENTERPRISE_IGNORED)))
                .add("meta", meta("Schema", "Schemas/" + ScimDocuments.ENTERPRISE))
                .build();
    }

    private static JsonObjectBuilder supported(boolean supported) {
        return JSON.createObjectBuilder().add("supported", supported);
    }

    private static JsonObject string(String name, String description, boolean required, String mutability,
            String uniqueness) {
        return attribute(name, "string", description, required, mutability, uniqueness, false);
    }

    /** An attribute definition with every characteristic of RFC 7643, section 7. */
    private static JsonObject attribute(String name, String type, String description, boolean required,
            String mutability, String uniqueness, boolean caseExact) {
        return JSON.createObjectBuilder().add("name", name).add("type", type).add("multiValued", false)
                .add("description", description).add("required", required).add("caseExact", caseExact)
                .add("mutability", mutability).add("returned", "default").add("uniqueness", uniqueness).build();
    }

    /** Accepted so that identity systems may send them, but neither kept nor returned. */
    private static JsonArrayBuilder ignored(List<ScimDocuments.Ignored> attributes) {
        JsonArrayBuilder definitions = JSON.createArrayBuilder();
        attributes.forEach(ignored -> definitions.add(JSON.createObjectBuilder(attribute(ignored.name(),
                ignored.type(), "Accepted and ignored: not stored, never returned", false, "writeOnly", "none",
                false)).add("multiValued", ignored.multiValued()).add("returned", "never")));
        return definitions;
    }

    private static JsonObject meta(String resourceType, String location) {
        return JSON.createObjectBuilder().add("resourceType", resourceType).add("location", "/scim/v2/" + location)
                .build();
    }

    private static JsonObject list(JsonObject... resources) {
        var array = JSON.createArrayBuilder();
        for (JsonObject resource : resources) {
            array.add(resource);
        }
        return JSON.createObjectBuilder().add("schemas", JSON.createArrayBuilder()
                        .add("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .add("totalResults", resources.length).add("startIndex", 1).add("itemsPerPage", resources.length)
                .add("Resources", array).build();
    }
}

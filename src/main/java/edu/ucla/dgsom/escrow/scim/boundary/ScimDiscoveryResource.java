package edu.ucla.dgsom.escrow.scim.boundary;

import edu.ucla.dgsom.escrow.problems.ScimError;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** SCIM's discovery endpoints (RFC 7644, section 4): what this service provider supports. */
@Path("scim/v2")
@RequestScoped
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
        return Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(CONFIG))
                .add("patch", supported(true)).add("bulk", supported(false).add("maxOperations", 0)
                        .add("maxPayloadSize", 0))
                .add("filter", supported(true).add("maxResults", 200)).add("changePassword", supported(false))
                .add("sort", supported(false)).add("etag", supported(false))
                .add("authenticationSchemes", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "oauthbearertoken").add("name", "Bearer token")
                        .add("description", "An HR_INTEGRATION API token as Authorization: Bearer").add("primary",
                        true)))
                .build();
    }

    @GET
    @Path("ResourceTypes")
    @Operation(operationId = "listScimResourceTypes", summary = "SCIM resource types: User")
    public JsonObject resourceTypes() {
        return list(Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(RESOURCE_TYPE))
                .add("id", "User").add("name", "User").add("endpoint", "/Users").add("schema", ScimDocuments.USER)
                .add("schemaExtensions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("schema", ScimDocuments.ENTERPRISE).add("required", false))).build());
    }

    @GET
    @Path("Schemas")
    @Operation(operationId = "listScimSchemas", summary = "SCIM schemas: the User attributes this service keeps")
    public JsonObject schemas() {
        JsonObject user = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(SCHEMA))
                .add("id", ScimDocuments.USER).add("name", "User").add("description", "A workforce member")
                .add("attributes", Json.createArrayBuilder()
                        .add(attribute("userName", "string", true, "server"))
                        .add(attribute("externalId", "string", true, "none"))
                        .add(attribute("displayName", "string", false, "none"))
                        .add(attribute("active", "boolean", false, "none"))
                        .add(Json.createObjectBuilder(attribute("name", "complex", false, "none"))
                                .add("subAttributes", Json.createArrayBuilder()
                                        .add(attribute("formatted", "string", false, "none"))))
                        .add(Json.createObjectBuilder(attribute("emails", "complex", false, "none"))
                                .add("multiValued", true).add("subAttributes", Json.createArrayBuilder()
                                        .add(attribute("value", "string", false, "none")))))
                .build();
        JsonObject enterprise = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(SCHEMA))
                .add("id", ScimDocuments.ENTERPRISE).add("name", "EnterpriseUser")
                .add("attributes", Json.createArrayBuilder()
                        .add(attribute("employeeNumber", "string", false, "server"))
                        .add(attribute("department", "string", false, "none")))
                .build();
        return list(user, enterprise);
    }

    private static JsonObjectBuilder supported(boolean supported) {
        return Json.createObjectBuilder().add("supported", supported);
    }

    private static JsonObject attribute(String name, String type, boolean required, String uniqueness) {
        return Json.createObjectBuilder().add("name", name).add("type", type).add("multiValued", false)
                .add("required", required).add("caseExact", false).add("mutability",
                        name.equals("externalId") ? "immutable" : "readWrite")
                .add("returned", "default").add("uniqueness", uniqueness).build();
    }

    private static JsonObject list(JsonObject... resources) {
        var array = Json.createArrayBuilder();
        for (JsonObject resource : resources) {
            array.add(resource);
        }
        return Json.createObjectBuilder().add("schemas", Json.createArrayBuilder()
                        .add("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .add("totalResults", resources.length).add("startIndex", 1).add("itemsPerPage", resources.length)
                .add("Resources", array).build();
    }
}

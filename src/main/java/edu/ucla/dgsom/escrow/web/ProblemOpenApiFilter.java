package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the error answers of every operation in one place: any 4xx or 5xx is a {@code Problem}. Configured as
 * {@code mp.openapi.filter}.
 */
public class ProblemOpenApiFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        operation.getResponses().addAPIResponse("4XX", problemResponse("The request was refused; see the problem type"));
        operation.getResponses().addAPIResponse("5XX", problemResponse("The server failed; quote the request id"));
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        Schema fieldError = OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .properties(Map.of(
                        "field", stringSchema("The failing field, as a path into the request body"),
                        "message", stringSchema("What is wrong with it")));
        components.addSchema("FieldError", fieldError);
        components.addSchema("Problem", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status", "requestId"))
                .properties(Map.of(
                        "type", stringSchema("Stable URI of the problem type; see docs/problems.md"),
                        "title", stringSchema("Short human summary of the problem type"),
                        "status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER),
                        "detail", stringSchema("Human explanation of this occurrence"),
                        "instance", stringSchema("The request path"),
                        "requestId", stringSchema("Same as the X-Request-Id response header"),
                        "errors", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                                .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))));
        ScimForwarding.describeAtScimPaths(openAPI);
    }

    private static Schema stringSchema(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }
}

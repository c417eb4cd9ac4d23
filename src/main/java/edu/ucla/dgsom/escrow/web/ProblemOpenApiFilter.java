package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.Problem;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Makes the served document a contract a generated client can use (openapi-generator validates it with no error):
 * documents the error answers of every operation in one place (any 4xx or 5xx is a {@code Problem}), names the answer
 * of an operation that declares none "200" rather than Payara's "default", lists each tag once, and drops Payara's
 * non-standard top-level {@code endpoints} and schemas nothing refers to. Configured as {@code mp.openapi.filter}.
 */
public class ProblemOpenApiFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        APIResponse unnamed = responses.getAPIResponse(APIResponses.DEFAULT);
        if (unnamed != null && responses.getAPIResponses().keySet().stream().noneMatch(code -> code.startsWith("2"))) {
            responses.removeAPIResponse(APIResponses.DEFAULT);
            responses.addAPIResponse("200", unnamed.description("OK"));
        }
        // Declared error statuses (e.g. a 409 with its own description) answer with a problem document too.
        for (Map.Entry<String, APIResponse> declared : responses.getAPIResponses().entrySet()) {
            org.eclipse.microprofile.openapi.models.media.Content content = declared.getValue().getContent();
            if (declared.getKey().matches("[45][0-9][0-9]")
                    && (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty())) {
                declared.getValue().content(problemContent());
            }
        }
        responses.addAPIResponse("4XX", problemResponse("The request was refused; see the problem type"));
        responses.addAPIResponse("5XX", problemResponse("The server failed; quote the request id"));
        return operation;
    }

    /**
     * For {@code @Schema(type = ARRAY, implementation = X.class)} Payara puts X's properties on the array itself and
     * leaves its items a bare object: they belong to the items.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getType() == Schema.SchemaType.ARRAY && schema.getProperties() != null
                && !schema.getProperties().isEmpty()) {
            schema.setItems(OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                    .properties(schema.getProperties()));
            schema.setProperties(null);
        }
        return schema;
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
                                .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")),
                        "currentState", stringSchema("For a transition its subject's state does not allow (409):"
                                + " that state"))));
        ScimForwarding.describeAtScimPaths(openAPI);
        if (openAPI.getTags() != null) {
            Map<String, Tag> once = new LinkedHashMap<>();
            openAPI.getTags().forEach(tag -> once.putIfAbsent(tag.getName(), tag));
            openAPI.setTags(new ArrayList<>(once.values()));
        }
        dropPayaraEndpoints(openAPI);
        dropUnusedSchemas(openAPI);
    }

    /**
     * Payara registers a schema for every type it meets, also where an annotation describes the same value inline
     * (a record component with a type-use constraint): such a schema is referenced by nothing.
     */
    private static void dropUnusedSchemas(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach(operation -> pending.addAll(schemasOf(operation))));
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (used.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                pending.addAll(schema.getProperties().values());
            }
            Stream.of(schema.getItems(), schema.getAdditionalPropertiesSchema(), schema.getNot())
                    .filter(Objects::nonNull).forEach(pending::push);
            Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()).filter(Objects::nonNull)
                    .forEach(pending::addAll);
        }
        schemas.keySet().stream().filter(name -> !used.contains(name)).toList()
                .forEach(openAPI.getComponents()::removeSchema);
    }

    private static List<Schema> schemasOf(Operation operation) {
        List<Schema> found = new ArrayList<>();
        if (operation.getParameters() != null) {
            operation.getParameters().stream().map(Parameter::getSchema).filter(Objects::nonNull).forEach(found::add);
        }
        if (operation.getRequestBody() != null) {
            found.addAll(schemasOf(operation.getRequestBody().getContent()));
        }
        if (operation.getResponses() != null) {
            operation.getResponses().getAPIResponses().values().forEach(response -> {
                found.addAll(schemasOf(response.getContent()));
                if (response.getHeaders() != null) {
                    response.getHeaders().values().stream().map(Header::getSchema).filter(Objects::nonNull)
                            .forEach(found::add);
                }
            });
        }
        return found;
    }

    private static List<Schema> schemasOf(org.eclipse.microprofile.openapi.models.media.Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return List.of();
        }
        return content.getMediaTypes().values().stream().map(MediaType::getSchema).filter(Objects::nonNull).toList();
    }

    /**
     * Payara adds a top-level {@code endpoints} map that is not part of OpenAPI (validators reject the document) and
     * offers no setting to leave it out; its model class has the only way to empty it (Payara leaves empty maps out;
     * null would break its copy of the document).
     */
    private static void dropPayaraEndpoints(OpenAPI openAPI) {
        try {
            openAPI.getClass().getMethod("setEndpoints", Map.class).invoke(openAPI, new HashMap<>());
        } catch (NoSuchMethodException e) {
            // Another implementation: it adds no such attribute.
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot drop the non-standard endpoints attribute", e);
        }
    }

    private static Schema stringSchema(String description) {
        return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
    }

    private static APIResponse problemResponse(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent())
                .addHeader("Retry-After", OASFactory.createHeader()
                        .description("With 429 and 503: the seconds to wait before trying again")
                        .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER)));
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}

package edu.ucla.dgsom.escrow.web;

import edu.ucla.dgsom.escrow.problems.ScimError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Identity systems expect SCIM at {@code /scim/v2}; its resources live in the API's JAX-RS application (one set of
 * filters, access rules and error mapping), so requests there are forwarded to {@code /api/v1/scim/v2}. The OpenAPI
 * document describes them where clients call them, through {@link #describeAtScimPaths(OpenAPI)}.
 */
public class ScimForwarding extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/scim/v2";
    private static final String ERROR_REF = "#/components/schemas/ScimError";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        request.getRequestDispatcher(EscrowApplication.PATH + path + (query == null ? "" : "?" + query))
                .forward(request, response);
    }

    /**
     * Moves the SCIM operations from {@code /api/v1/scim/v2/...} to {@code /scim/v2/...} in the OpenAPI document and
     * describes their errors as SCIM errors ({@code application/scim+json}), which is what they answer with.
     */
    static void describeAtScimPaths(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = Map.copyOf(openAPI.getPaths().getPathItems());
        items.forEach((path, item) -> {
            if (path.startsWith(EscrowApplication.PATH + PATH)) {
                openAPI.getPaths().removePathItem(path);
                item.getOperations().values().forEach(operation -> operation.getResponses().getAPIResponses()
                        .forEach((status, response) -> {
                            if (status.startsWith("4") || status.startsWith("5")) {
                                response.content(OASFactory.createContent().addMediaType(ScimError.MEDIA_TYPE,
                                        OASFactory.createMediaType().schema(OASFactory.createSchema()
                                                .ref(ERROR_REF))));
                            }
                        }));
                openAPI.getPaths().addPathItem(path.substring(EscrowApplication.PATH.length()), item);
            }
        });
        openAPI.getComponents().addSchema("ScimError", OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("A SCIM error (RFC 7644, section 3.12)").required(List.of("schemas", "status"))
                .addProperty("schemas", OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().type(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("The HTTP status, as a string"))
                .addProperty("scimType", OASFactory.createSchema().type(Schema.SchemaType.STRING)
                        .description("For 400 and 409: invalidFilter, invalidSyntax, invalidPath, noTarget,"
                                + " invalidValue, mutability or uniqueness"))
                .addProperty("detail", OASFactory.createSchema().type(Schema.SchemaType.STRING)));
    }
}

package edu.ucla.dgsom.escrow.imports.boundary;

import edu.ucla.dgsom.escrow.accounts.control.AccountFields;
import edu.ucla.dgsom.escrow.imports.control.Imports;
import edu.ucla.dgsom.escrow.imports.entity.ImportFormat;
import edu.ucla.dgsom.escrow.imports.entity.ImportMapping;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Imports from other password managers (docs/migration.md): the export file is the request body; the preview answers
 * what a commit would do; the mapping is edited; the commit stores it in one transaction.
 */
@Path("imports")
@ApplicationScoped
@Tag(name = "Imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportsResource {

    /**
     * The password of a password-protected export: a header, so it is in no address and no access log; UTF-8,
     * percent-encoded (as {@code encodeURIComponent} writes it), since a header carries ASCII only.
     */
    static final String PASSWORD_HEADER = "X-Import-Password";

    @Inject
    Imports imports;

    @Context
    UriInfo uriInfo;

    @POST
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "text/csv", MediaType.APPLICATION_JSON, "application/zip",
        MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN})
    @Operation(operationId = "uploadImport", summary = "Upload an export file and preview its import",
            description = "The body is the file as the password manager wrote it (10 MB at most: 413 above). format:"
            + " one of LASTPASS_CSV, BITWARDEN_CSV, BITWARDEN_JSON, BITWARDEN_ENCRYPTED_JSON, KEEPASSXC_CSV,"
            + " KEEPASS2_XML, ONEPASSWORD_1PUX, ONEPASSWORD_CSV, CHROME_CSV, else detected from the content."
            + " departmentId: the default department of new accounts. A password-protected export's password goes"
            + " in X-Import-Password. Nothing is stored but the entries, sealed, until commit, cancel or an hour."
            + " A file that cannot be read is a 400 naming the line or entry and the cause. DGIT admins import into"
            + " any department, department owners into theirs.")
    @APIResponse(responseCode = "201", description = "Read, and previewed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ImportView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the upload is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response upload(@RequestBody(description = "The export file, as the password manager wrote it",
            content = {
                @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "text/csv",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = "application/zip",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MediaType.APPLICATION_XML,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MediaType.TEXT_XML,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = MediaType.TEXT_PLAIN,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))}) byte[] file,
            @QueryParam("format") String format,
            @QueryParam("departmentId") String departmentId, @HeaderParam(PASSWORD_HEADER) String password) {
        ImportFormat named = format == null || format.isBlank() ? null
                : AccountFields.named("format", format, ImportFormat.class);
        String department = departmentId == null || departmentId.isBlank() ? null : departmentId.strip();
        ImportView view = ImportView.of(imports.upload(file, named, password == null ? null : decoded(password),
                department));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(view.id()).build()).entity(view).build();
    }

    /** A percent-encoded UTF-8 header value as characters; a malformed one is a 400 naming the header. */
    private static char[] decoded(String header) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c != '%') {
                bytes.write(c);
            } else if (i + 2 < header.length() && HexFormat.isHexDigit(header.charAt(i + 1))
                    && HexFormat.isHexDigit(header.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(header, i + 1, i + 3));
                i += 2;
            } else {
                throw ProblemException.invalidField(PASSWORD_HEADER, "UTF-8, percent-encoded");
            }
        }
        byte[] raw = bytes.toByteArray();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidField(PASSWORD_HEADER, "UTF-8, percent-encoded");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @GET
    @Path("{id}")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "getImport", summary = "An upload and what its commit would do now",
            description = "Only the person or token that uploaded it (404 for anyone else).")
    public ImportView get(@PathParam("id") String id) {
        return ImportView.of(imports.preview(id));
    }

    @PUT
    @Path("{id}/mapping")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mapImport", summary = "Replace the mapping, and preview again",
            description = "{departmentId, folders: {folder: departmentId}, holders: {departmentId: {contentOwnerId,"
            + " backupModeratorId}}, entries: {number: {departmentId, skip}}}. 422 naming the field when a"
            + " department is not the caller's to import into or a holder is not an active person of it; 409 once"
            + " the upload has ended.")
    public ImportView map(@PathParam("id") String id, @NotNull ImportMapping mapping) {
        return ImportView.of(imports.remap(id, mapping));
    }

    @POST
    @Path("{id}/commit")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "commitImport", summary = "Store what the plan says, in one transaction",
            description = "The plan is made again as things stand: the answer says what was created, merged and"
            + " skipped. An entry whose login is escrowed already is skipped, so a second import of the same file"
            + " stores nothing. 409 naming the state once the upload has ended (committed, cancelled, expired).")
    public ImportView commit(@PathParam("id") String id) {
        return ImportView.of(imports.commit(id));
    }

    @DELETE
    @Path("{id}")
    @Allowed({Role.DGIT_ADMIN, Role.DEPARTMENT_OWNER})
    @Operation(operationId = "cancelImport", summary = "Cancel the upload: nothing is stored, its entries are erased")
    @APIResponse(responseCode = "204", description = "Cancelled")
    public void cancel(@PathParam("id") String id) {
        imports.cancel(id);
    }
}

package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.access.control.Directory;
import edu.ucla.dgsom.escrow.access.entity.Department;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Departments: DGIT creates them; department owners see their own, auditors and HR's staff every one. */
@Path("departments")
@ApplicationScoped
@Tag(name = "Departments")
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentsResource {

    @Inject
    Directory directory;

    @Context
    UriInfo uriInfo;

    @POST
    @Allowed(Role.DGIT_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDepartment", summary = "Create a department")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "DepartmentView")),
            headers = @Header(name = HttpHeaders.LOCATION, description = "Where the new resource is",
            schema = @Schema(type = SchemaType.STRING, format = "uri")))
    public Response create(@Valid @NotNull DepartmentRequest request) {
        Department department = directory.createDepartment(request.code(), request.name());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(department.id()).build())
                .entity(DepartmentView.of(department)).build();
    }

    @GET
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER, Role.HR_STAFF})
    @Operation(operationId = "listDepartments", summary = "The departments the caller may see")
    public List<DepartmentView> list() {
        return directory.departments().stream().map(DepartmentView::of).toList();
    }

    @GET
    @Path("{id}")
    @Allowed({Role.DGIT_ADMIN, Role.AUDITOR, Role.DEPARTMENT_OWNER, Role.HR_STAFF})
    @Operation(operationId = "getDepartment", summary = "One department")
    public DepartmentView get(@PathParam("id") String id) {
        return DepartmentView.of(directory.department(id));
    }
}

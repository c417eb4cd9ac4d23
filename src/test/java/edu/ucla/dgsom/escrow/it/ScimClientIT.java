package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;
import java.util.UUID;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The escrow's SCIM as a strict SCIM 2 client library (UnboundID's SCIM 2 SDK) sees it: every call typed, every error
 * read as the library's exception for its status with RFC 7644's scimType.
 */
@ExtendWith(LiveService.class)
class ScimClientIT {

    private Client client;
    private ScimService scim;

    @BeforeEach
    void connect() {
        String token = People.token("HR_INTEGRATION");
        // Jersey's default connector (HttpURLConnection) sends PATCH only with this workaround.
        client = ClientBuilder.newClient().property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true);
        scim = new ScimService(client.target(LiveService.baseUri().resolve("/scim/v2"))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization",
                        "Bearer " + token)));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static UserResource user(String userName, String employeeId, String department) {
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setGivenName("Grace").setFamilyName("Hopper"))
                .setEmails(List.of(new Email().setValue(userName).setType("work").setPrimary(true)));
        user.setExternalId(employeeId);
        user.setActive(true);
        user.setExtension(new EnterpriseUserExtension().setDepartment(department));
        return user;
    }

    @Test
    void aStrictClientCreatesFiltersReplacesPatchesDeactivatesAndDeletesUsers() throws ScimException {
        String department = "SCIMC" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        People.createDepartment(department);
        String userName = "grace." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        String employeeId = "E" + UUID.randomUUID().toString().substring(0, 8);

        UserResource created = scim.create("Users", user(userName, employeeId, department));
        assertEquals(userName, created.getUserName());
        assertEquals("Grace", created.getName().getGivenName());
        assertEquals("Hopper", created.getName().getFamilyName());
        assertEquals(department, created.getExtension(EnterpriseUserExtension.class).getDepartment());

        ListResponse<UserResource> found = scim.searchRequest("Users").filter(Filter.eq("userName", userName))
                .invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());

        created.setDisplayName("Rear Admiral Hopper");
        created.setName(new Name().setFormatted("Rear Admiral Hopper").setGivenName("Grace").setFamilyName("Hopper"));
        UserResource replaced = scim.replace(created);
        assertEquals("Rear Admiral Hopper", replaced.getDisplayName());

        UserResource patched = scim.modifyRequest("Users", created.getId()).replaceValue("name.familyName",
                "Murray Hopper").invoke(UserResource.class);
        assertEquals("Murray Hopper", patched.getName().getFamilyName());

        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertFalse(deactivated.getActive());

        scim.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(),
                UserResource.class));
        assertEquals(2, scim.getSchemas().getTotalResults());
        assertTrue(scim.getServiceProviderConfig().getPatch().isSupported());
        assertEquals("User", scim.getResourceTypes().getResources().get(0).getName());
    }

    private String scimType(ScimException failure) {
        return failure.getScimError().getScimType();
    }

    @Test
    void aStrictClientReadsEveryErrorAsATypedExceptionWithTheRightScimType() throws ScimException {
        String department = "SCIMD" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        People.createDepartment(department);
        String userName = "kathleen." + UUID.randomUUID().toString().substring(0, 6) + "@example.edu";
        UserResource created = scim.create("Users", user(userName, "E" + UUID.randomUUID().toString()
                .substring(0, 8), department));

        ResourceConflictException taken = assertThrows(ResourceConflictException.class, () -> scim.create("Users",
                user(userName, "E" + UUID.randomUUID().toString().substring(0, 8), department)));
        assertEquals("uniqueness", scimType(taken));
        assertEquals("invalidFilter", scimType(assertThrows(BadRequestException.class,
                () -> scim.searchRequest("Users").filter("name.familyName co \"Hop\"").invoke(UserResource.class))));
        assertEquals("invalidValue", scimType(assertThrows(BadRequestException.class, () -> scim.create("Users",
                user("x".repeat(10_000), "E" + UUID.randomUUID().toString().substring(0, 8), department)))));
        UserResource badEmail = user("k2." + userName, "E" + UUID.randomUUID().toString().substring(0, 8),
                department).setEmails(List.of(new Email().setValue("not an address")));
        assertEquals("invalidValue", scimType(assertThrows(BadRequestException.class,
                () -> scim.create("Users", badEmail))));
        assertEquals("invalidPath", scimType(assertThrows(BadRequestException.class,
                () -> scim.modifyRequest("Users", created.getId()).replaceValue("favouriteColour", "red")
                        .invoke(UserResource.class))));
        assertEquals("mutability", scimType(assertThrows(BadRequestException.class,
                () -> scim.modifyRequest("Users", created.getId()).replaceValue("externalId", "E-changed")
                        .invoke(UserResource.class))));
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> scim.retrieve("Users", UUID.randomUUID().toString(), UserResource.class));
        assertEquals("404", missing.getScimError().getStatus().toString());
    }
}

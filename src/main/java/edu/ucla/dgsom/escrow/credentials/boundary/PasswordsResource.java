package edu.ucla.dgsom.escrow.credentials.boundary;

import edu.ucla.dgsom.escrow.credentials.control.CharacterClass;
import edu.ucla.dgsom.escrow.credentials.control.PasswordGenerator;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Password generation for the people who rotate credentials; the answer is not cached (no-store) nor stored. */
@Path("passwords")
@ApplicationScoped
@Tag(name = "Passwords")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordsResource {

    @Inject
    PasswordGenerator generator;

    @POST
    @SignedInPerson
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "generatePassword", summary = "Generate a strong password within a platform's limits",
            description = "classes: any non-empty subset of LOWERCASE, UPPERCASE, DIGITS, SYMBOLS (default: all four);"
            + " each class chosen appears at least once. symbols: false (older clients) leaves SYMBOLS out of the"
            + " default; with classes it must agree with them. Look-alike characters (0 O o 1 l I | ` ' \") are"
            + " never used.")
    public GeneratedPassword generate(@Valid @NotNull PasswordRequest request) {
        PasswordGenerator.Generated generated = generator.generate(request.platform(), request.length(),
                request.chosenClasses());
        return new GeneratedPassword(generated.password(), request.platform().name(), generated.length(),
                generated.classes().stream().sorted().toList(), generated.classes().contains(CharacterClass.SYMBOLS));
    }
}

package edu.ucla.dgsom.escrow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.validation.Invalid;
import org.openapitools.codegen.validation.ValidationResult;
import org.openapitools.codegen.validations.oas.OpenApiEvaluator;
import org.openapitools.codegen.validations.oas.RuleConfiguration;

/**
 * The contract HR's and DGIT's systems integrate by: the document Payara serves at {@code /openapi}, validated as
 * {@code openapi-generator validate} does, and a Java client generated from that same document ({@code -g java},
 * library native) that signs in, registers an account, escrows a credential and reveals it through typed objects.
 * The generator runs as a library here because the document exists only once the service is up; it is the code the
 * openapi-generator Maven plugin and CLI run (docs/api-client.md).
 */
@ExtendWith(LiveService.class)
class GeneratedClientIT {

    private static final String JOURNEY = "edu.ucla.dgsom.escrow.client.ClientJourney";

    @Test
    void the_served_openapi_document_validates_without_errors_or_unused_schemas() throws IOException {
        Path document = servedDocument();
        Validation validation = validate(document);
        assertEquals(List.of(), validation.errors(), () -> validation.errors().size() + " errors in " + document);
        assertEquals(List.of(), validation.warnings(), () -> "warnings in " + document);
    }

    @Test
    void a_client_generated_from_the_served_document_signs_in_escrows_and_reveals_with_typed_objects()
            throws Exception {
        Path document = servedDocument();
        String department = People.createDepartment("GEN" + UUID.randomUUID().toString().substring(0, 6));
        People.SignInDetails owner = People.departmentOwnerSignInDetails(department);
        String contentOwner = People.memberWithoutMfa(department).personId();
        String moderator = People.memberWithoutMfa(department).personId();
        String secret = TestSecrets.remember("generated-" + UUID.randomUUID());
        String handle = "@generated-" + UUID.randomUUID();

        Map<String, Object> out = journey(generatedClient(document)).apply(Map.of(
                "baseUri", LiveService.baseUri().toString(), "username", owner.username(),
                "password", owner.password(), "recoveryCode", owner.mfa().recoveryCodes().get(0),
                "handle", handle, "departmentId", department, "contentOwnerId", contentOwner,
                "backupModeratorId", moderator, "loginIdentifier", "dgsom-generated", "secret", secret));
        TestSecrets.remember((String) out.get("cookie"));
        TestSecrets.remember((String) out.get("csrfToken"));

        assertEquals("PERSON", out.get("sessionKind"));
        assertEquals(owner.personId(), out.get("sessionId"));
        assertTrue(((String) out.get("csrfToken")).length() >= 20, "the sign-in answer carries the CSRF token");
        assertInstanceOf(OffsetDateTime.class, out.get("sessionExpiresAt"));
        assertEquals(department, out.get("accountDepartmentId"));
        assertEquals(1, out.get("escrowedVersion"));
        assertEquals(true, out.get("escrowedCurrent"));
        assertEquals(out.get("accountId"), out.get("revealedAccountId"));
        assertEquals(1, out.get("revealedVersion"));
        assertEquals("dgsom-generated", out.get("revealedLoginIdentifier"));
        assertEquals(secret, out.get("revealedPassword"));
    }

    /** The served document, saved under target/it for the generator and for a person reading a failure. */
    private static Path servedDocument() throws IOException {
        Api.Reply reply = Api.live().get("/openapi", "Accept", "application/json");
        assertEquals(200, reply.status(), reply::toString);
        Path file = LiveService.testDir().resolve("openapi.json");
        Files.writeString(file, reply.body());
        return file;
    }

    private record Validation(List<String> errors, List<String> warnings) {
    }

    /** What {@code openapi-generator validate} reports: the parser's messages and the evaluator's findings. */
    private static Validation validate(Path document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readLocation(document.toUri().toString(), null, options);
        TreeSet<String> errors = new TreeSet<>(parsed.getMessages());
        TreeSet<String> warnings = new TreeSet<>();
        if (parsed.getOpenAPI() != null) {
            RuleConfiguration rules = new RuleConfiguration();
            rules.setEnableRecommendations(false);
            ValidationResult result = new OpenApiEvaluator(rules).validate(parsed.getOpenAPI());
            result.getErrors().stream().map(Invalid::getMessage).forEach(errors::add);
            result.getWarnings().stream().map(Invalid::getMessage).forEach(warnings::add);
        }
        return new Validation(List.copyOf(errors), List.copyOf(warnings));
    }

    /** Generates the Java client ({@code -g java --library native}) and compiles it with the journey; its classes. */
    private static Path generatedClient(Path document) throws IOException {
        Path sources = LiveService.testDir().resolve("generated-client");
        new DefaultGenerator().opts(new CodegenConfigurator().setGeneratorName("java").setLibrary("native")
                .setInputSpec(document.toString()).setOutputDir(sources.toString())
                .setInvokerPackage("edu.ucla.dgsom.escrow.client")
                .setApiPackage("edu.ucla.dgsom.escrow.client.api")
                .setModelPackage("edu.ucla.dgsom.escrow.client.model")
                .addAdditionalProperty("useJakartaEe", true).addAdditionalProperty("openApiNullable", false)
                // Absent lists stay absent: the API refuses an empty list where it asks for at least one entry.
                .addAdditionalProperty("containerDefaultToNull", true)
                .addGlobalProperty("apiTests", "false").addGlobalProperty("modelTests", "false")
                .addGlobalProperty("apiDocs", "false").addGlobalProperty("modelDocs", "false")
                .toClientOptInput()).generate();
        Path journey = Path.of(System.getProperty("escrow.project.dir"),
                "src/test/resources/generated-client/edu/ucla/dgsom/escrow/client/ClientJourney.java");
        List<String> files = new ArrayList<>(List.of(journey.toString()));
        try (Stream<Path> generated = Files.walk(sources.resolve("src/main/java"))) {
            generated.filter(file -> file.toString().endsWith(".java")).map(Path::toString).forEach(files::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(diagnostics, fileManager, null, List.of("-d",
                    sources.resolve("classes").toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "-nowarn"), null, fileManager.getJavaFileObjectsFromStrings(files)).call();
            assertTrue(compiled, diagnostics::toString);
        }
        return sources.resolve("classes");
    }

    @SuppressWarnings("unchecked")
    private static Function<Map<String, String>, Map<String, Object>> journey(Path classes) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GeneratedClientIT.class.getClassLoader());
        return (Function<Map<String, String>, Map<String, Object>>) loader.loadClass(JOURNEY)
                .getDeclaredConstructor().newInstance();
    }
}

package edu.ucla.dgsom.escrow.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import edu.ucla.dgsom.escrow.web.Idempotent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape docs/architecture.md describes, checked on the compiled classes: boundary → control → entity inside a
 * feature, no cycle between features, one feature using another only through its control API, and shared plumbing
 * that imports no feature.
 */
@AnalyzeClasses(packages = "edu.ucla.dgsom.escrow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "edu.ucla.dgsom.escrow";
    private static final String[] SHARED = {ROOT + ".security..", ROOT + ".problems..", ROOT + ".web..",
        ROOT + ".persistence.."};
    private static final Pattern LAYERED = Pattern.compile(Pattern.quote(ROOT) + "\\.(\\w+)\\.(boundary|control|entity)\\b.*");

    @ArchTest
    static final ArchRule control_never_imports_a_boundary = noClasses().that().resideInAPackage("..control..")
            .should().dependOnClassesThat().resideInAPackage("..boundary..");

    @ArchTest
    static final ArchRule entities_import_neither_control_nor_boundary = noClasses().that()
            .resideInAPackage("..entity..").should().dependOnClassesThat().resideInAnyPackage("..control..",
                    "..boundary..");

    @ArchTest
    static final ArchRule features_do_not_depend_on_each_other_in_a_cycle = slices()
            .matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule shared_plumbing_imports_no_feature = classes().that().resideInAnyPackage(SHARED)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(SHARED)));

    @ArchTest
    static final ArchRule a_feature_uses_another_only_through_its_control_api = classes().that()
            .resideInAPackage(ROOT + "..").should(new ArchCondition<JavaClass>(
                    "use another feature only through its control API, never its boundary or its entities") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    Optional<String> feature = feature(origin);
                    if (feature.isEmpty()) {
                        return;
                    }
                    for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = dependency.getTargetClass();
                        Matcher layered = LAYERED.matcher(target.getName());
                        boolean reaching = layered.matches() && !layered.group(1).equals(feature.get())
                                && (layered.group(2).equals("boundary") || target.isAnnotatedWith(Entity.class));
                        if (reaching) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });

    /** The ledger gives a keyed write's stored answer again as a {@code Response}, whatever the method would return. */
    @ArchTest
    static final ArchRule a_keyed_write_answers_with_a_response = methods().that().areAnnotatedWith(Idempotent.class)
            .should().haveRawReturnType(Response.class);

    /**
     * One instance of each resource, built once: a request-scoped one was built and injected again for every request
     * (docs/performance.md, change 12). What belongs to a request comes through proxies (Caller, {@code @Context}).
     */
    @ArchTest
    static final ArchRule resources_are_built_once = classes().that().areAnnotatedWith(Path.class)
            .should().beAnnotatedWith(ApplicationScoped.class);

    private static Optional<String> feature(JavaClass type) {
        Matcher layered = LAYERED.matcher(type.getName());
        return layered.matches() ? Optional.of(layered.group(1)) : Optional.empty();
    }
}

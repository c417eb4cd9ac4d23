package edu.ucla.dgsom.escrow.access.boundary;

import edu.ucla.dgsom.escrow.audit.control.AnonymousRefusals;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.persistence.Deadlocks;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.AllowedWhileRestricted;
import edu.ucla.dgsom.escrow.security.Allowed;
import edu.ucla.dgsom.escrow.security.AnyCaller;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.PersonWithMfa;
import edu.ucla.dgsom.escrow.security.Public;
import edu.ucla.dgsom.escrow.security.Restriction;
import edu.ucla.dgsom.escrow.security.SignedInPerson;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Deny by default: every endpoint declares who may call it ({@link Public}, {@link AnyCaller},
 * {@link SignedInPerson} or {@link Allowed}); one that declares nothing refuses everyone. Cookie-authenticated changes
 * need the session's CSRF token in the {@code X-CSRF-Token} header. A person who must change their password or enrol
 * MFA reaches only the endpoints marked {@link AllowedWhileRestricted}; those marked {@link PersonWithMfa} need a
 * person with MFA. Every refusal is in the audit trail; those of anonymous callers as one entry per client address
 * and minute, with their count ({@link AnonymousRefusals}). Objects outside the caller's department are refused
 * later, as "not found", by the control layer.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessPolicy implements ContainerRequestFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = Logger.getLogger(AccessPolicy.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    AnonymousRefusals anonymousRefusals;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Class<?> type = resource.getResourceClass();
        // The method's own rule, if it has one, replaces the class's.
        java.lang.reflect.AnnotatedElement ruled = hasRule(method) ? method : type;
        if (ruled.isAnnotationPresent(Public.class)) {
            return;
        }
        Allowed roles = ruled.getAnnotation(Allowed.class);
        boolean anyCaller = ruled.isAnnotationPresent(AnyCaller.class);
        boolean personOnly = ruled.isAnnotationPresent(SignedInPerson.class);
        if (roles == null && !anyCaller && !personOnly) {
            LOG.severe(() -> "Endpoint without an access rule refused: " + type.getName() + "." + method.getName());
            deny(request, ProblemType.FORBIDDEN, "This endpoint has no access rule", "no access rule");
        }
        if (!caller.authenticated()) {
            // Counted per address and minute rather than one audit entry each: anyone can send these by the million.
            // One address refused by two cluster nodes at once updates one counter row on both: the loser counts again.
            Deadlocks.retried(() -> {
                anonymousRefusals.count(caller.clientAddress(), request.getMethod(), path(request));
                return null;
            });
            throw new ProblemException(ProblemType.UNAUTHENTICATED,
                    "Sign in, or send an API token as Authorization: Bearer");
        }
        admit(request, method, roles, personOnly);
    }

    /** The checks for an authenticated caller, in order: CSRF, person, restriction, role, MFA. */
    private void admit(ContainerRequestContext request, Method method, Allowed roles, boolean personOnly) {
        if (caller.viaSession() && !SAFE_METHODS.contains(request.getMethod())
                && !caller.csrfMatches(request.getHeaderString(CSRF_HEADER))) {
            deny(request, ProblemType.CSRF_REJECTED, "Send the session's CSRF token in the " + CSRF_HEADER
                    + " header", "CSRF token missing or wrong");
        }
        if (personOnly && !caller.isPerson()) {
            deny(request, ProblemType.FORBIDDEN, "Only a signed-in person can do this, not an API token",
                    "not a person");
        }
        Restriction restriction = caller.restriction();
        if (restriction != null && method.getAnnotation(AllowedWhileRestricted.class) == null) {
            deny(request, ProblemType.SIGN_IN_INCOMPLETE, "First " + restriction.task() + " (" + restriction.code()
                    + ")", restriction.code());
        }
        if (roles != null && Arrays.stream(roles.value()).noneMatch(caller::has)) {
            deny(request, ProblemType.FORBIDDEN, "Your role does not allow this", "role not allowed");
        }
        if (method.isAnnotationPresent(PersonWithMfa.class) && !caller.isPersonWithMfa()) {
            deny(request, ProblemException.personWithMfaRequired(), caller.isPerson() ? "MFA not enrolled"
                    : "not a person");
        }
    }

    private void deny(ContainerRequestContext request, ProblemType type, String detail, String reason) {
        deny(request, new ProblemException(type, detail), reason);
    }

    private void deny(ContainerRequestContext request, ProblemException problem, String reason) {
        audit.record(AuditAction.REQUEST_DENIED, null, Outcome.DENIED, reason, Map.of("method", request.getMethod(),
                "path", path(request)));
        throw problem;
    }

    private static String path(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath();
        return path.length() > 300 ? path.substring(0, 300) : path;
    }

    private static boolean hasRule(Method method) {
        return method.isAnnotationPresent(Public.class) || method.isAnnotationPresent(Allowed.class)
                || method.isAnnotationPresent(AnyCaller.class) || method.isAnnotationPresent(SignedInPerson.class);
    }
}

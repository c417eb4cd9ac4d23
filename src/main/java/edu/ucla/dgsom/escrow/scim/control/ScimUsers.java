package edu.ucla.dgsom.escrow.scim.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.access.control.ProvisionedPeople;
import edu.ucla.dgsom.escrow.audit.control.AuditAction;
import edu.ucla.dgsom.escrow.audit.control.AuditTrail;
import edu.ucla.dgsom.escrow.audit.control.Outcome;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * People as SCIM Users (RFC 7643): {@code externalId} is the HR employee id, {@code userName} the identity system's
 * key, the enterprise extension's {@code department} a department code. Deactivation is not done here: the caller
 * starts the same offboarding as HR's native call once this transaction has committed.
 */
@Stateless
public class ScimUsers {

    private static final Pattern FILTER = Pattern.compile("(?i)^\\s*(userName|externalId|id)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");

    @Inject
    AuditTrail audit;

    @Inject
    ProvisionedPeople people;

    @Inject
    Departments departments;

    @Inject
    @ConfigProperty(name = "escrow.scim.default-department")
    Optional<String> defaultDepartment;

    /** What an update did, and whether the person must now be offboarded. */
    public record Updated(PersonDetails person, boolean deactivate) {
    }

    public PersonDetails user(String id) {
        return people.visible(id);
    }

    /** The users matching {@code filter} ({@code userName}, {@code externalId} or {@code id} {@code eq} a value). */
    public List<PersonDetails> users(String filter, int startIndex, int count) {
        if (filter == null || filter.isBlank()) {
            return people.matching(null, null, startIndex - 1, count);
        }
        Matcher matcher = FILTER.matcher(filter);
        if (!matcher.matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Only userName, externalId or id eq"
                    + " \"value\" filters are supported", List.of(new Problem.FieldError("filter", "unsupported")));
        }
        ProvisionedPeople.Key key = switch (matcher.group(1).toLowerCase(Locale.ROOT)) {
            case "username" -> ProvisionedPeople.Key.USER_NAME;
            case "externalid" -> ProvisionedPeople.Key.EMPLOYEE_ID;
            default -> ProvisionedPeople.Key.ID;
        };
        String value = matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
        return people.matching(key, value, startIndex - 1, count);
    }

    public long total(String filter) {
        return filter == null || filter.isBlank() ? people.countVisible() : users(filter, 1, 1000).size();
    }

    public PersonDetails create(ScimChanges user) {
        require(user.userName(), "userName");
        require(user.externalId(), "externalId");
        String email = user.email() != null ? user.email() : user.userName();
        // Without a name, the userName stands in, cut to the name's column.
        String name = user.fullName() != null ? user.fullName()
                : user.userName().substring(0, Math.min(user.userName().length(), ScimChanges.NAME_MAX));
        if (people.withUserName(user.userName().strip()).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A user with this userName exists",
                    List.of(new Problem.FieldError("userName", "already used")));
        }
        PersonDetails person = people.create(user.externalId(), department(user.department()),
                new ProvisionedPeople.Description(name, user.givenName(), user.familyName(), email,
                        user.userName().strip()));
        if (Boolean.FALSE.equals(user.active())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A new user cannot start inactive",
                    List.of(new Problem.FieldError("active", "must be true for a new user")));
        }
        return person;
    }

    /**
     * Applies a PUT (all attributes) or PATCH (those mentioned). Reactivation restores neither the old sign-in nor any
     * old assignment; deactivation is reported for the caller to offboard.
     */
    public Updated update(String id, ScimChanges changes) {
        PersonDetails person = people.lock(id);
        if (changes.externalId() != null && !changes.externalId().strip().equals(person.employeeId())) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "externalId is the HR employee id and does not"
                    + " change", List.of(new Problem.FieldError("externalId", "immutable")));
        }
        if (changes.userName() != null && people.withUserName(changes.userName().strip())
                .filter(other -> !other.equals(id)).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A user with this userName exists",
                    List.of(new Problem.FieldError("userName", "already used")));
        }
        Instant now = Instant.now();
        ProvisionedPeople.Description described = description(person, changes);
        if (!described.equals(description(person, ScimChanges.NONE))) {
            Map<String, String> details = new TreeMap<>(Map.of("userName", described.userName() == null ? ""
                    : described.userName()));
            if (!described.email().equals(person.email())) {
                // E-mail addresses are not secrets; where mail about accounts goes is worth a trace.
                details.put("oldEmail", person.email());
                details.put("newEmail", described.email());
            }
            person = people.describe(id, described, now);
            audit.record(AuditAction.PERSON_UPDATE, new AuditTrail.Target("person", person.id(),
                    person.departmentId()), Outcome.ALLOWED, "SCIM", details);
        }
        if (Boolean.TRUE.equals(changes.active()) && !person.active()) {
            person = people.reactivate(id, now);
            audit.record(AuditAction.PERSON_REACTIVATE, new AuditTrail.Target("person", person.id(),
                    person.departmentId()), Outcome.ALLOWED, "SCIM active=true", Map.of());
        }
        return new Updated(person, Boolean.FALSE.equals(changes.active()) && person.active());
    }

    /** SCIM DELETE: the resource disappears from SCIM; the caller offboards the person. */
    public void delete(String id) {
        people.delete(id, Instant.now());
    }

    public String departmentCode(PersonDetails person) {
        return departments.code(person.departmentId()).orElse(null);
    }

    /** The person's description once {@code changes} apply: what they do not mention stays. */
    private static ProvisionedPeople.Description description(PersonDetails person, ScimChanges changes) {
        return new ProvisionedPeople.Description(
                changes.fullName() != null ? changes.fullName().strip() : person.name(),
                changes.givenName() != null ? changes.givenName() : person.givenName(),
                changes.familyName() != null ? changes.familyName() : person.familyName(),
                changes.email() != null ? changes.email().strip() : person.email(),
                changes.userName() != null ? changes.userName().strip() : person.userName());
    }

    private String department(String code) {
        String wanted = code != null && !code.isBlank() ? code : defaultDepartment.orElse("");
        if (wanted.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Name the department (enterprise extension's"
                    + " department, a department code)", List.of(new Problem.FieldError("department", "required")));
        }
        return departments.withCode(wanted)
                .orElseThrow(() -> new ProblemException(ProblemType.VALIDATION_FAILED, "No such department",
                        List.of(new Problem.FieldError("department", "no department with this code"))));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, field + " is required",
                    List.of(new Problem.FieldError(field, "required")));
        }
    }
}

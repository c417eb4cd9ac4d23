package edu.ucla.dgsom.escrow.imports.control;

import edu.ucla.dgsom.escrow.access.control.Departments;
import edu.ucla.dgsom.escrow.access.control.People;
import edu.ucla.dgsom.escrow.access.control.PersonDetails;
import edu.ucla.dgsom.escrow.imports.entity.ImportMapping;
import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import edu.ucla.dgsom.escrow.security.Caller;
import edu.ucla.dgsom.escrow.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the caller may import, and whether a mapping holds up: DGIT admins import into any department, department
 * owners into theirs; every department a mapping names exists and is the caller's, and each one's holders are two
 * different active people of it.
 */
@RequestScoped
public class ImportMappings {

    @Inject
    Caller caller;

    @Inject
    People people;

    @Inject
    Departments departments;

    public boolean mayImportTo(String departmentId) {
        return caller.has(Role.DGIT_ADMIN) || caller.ownsDepartment(departmentId);
    }

    /** Refuses the mapping with a 422 naming each field that does not hold up. */
    public void requireValid(ImportMapping mapping) {
        List<Problem.FieldError> errors = new ArrayList<>();
        department("departmentId", mapping.departmentId(), errors);
        mapping.folders().forEach((folder, department) -> department("folders." + folder, department, errors));
        mapping.entries().forEach((entry, choice) -> department("entries." + entry + ".departmentId",
                choice.departmentId(), errors));
        mapping.holders().forEach((department, holders) -> {
            String field = "holders." + department;
            if (department("holders", department, errors)) {
                holder(field + ".contentOwnerId", holders.contentOwnerId(), department, errors);
                holder(field + ".backupModeratorId", holders.backupModeratorId(), department, errors);
                if (holders.contentOwnerId() != null && holders.contentOwnerId().equals(holders.backupModeratorId())) {
                    errors.add(new Problem.FieldError(field + ".backupModeratorId", "not the content owner"));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The mapping names a department or a person it"
                    + " cannot", errors);
        }
    }

    private boolean department(String field, String departmentId, List<Problem.FieldError> errors) {
        if (departmentId == null) {
            return false;
        }
        if (!departments.exists(departmentId) || !mayImportTo(departmentId)) {
            errors.add(new Problem.FieldError(field, "not a department you may import into"));
            return false;
        }
        return true;
    }

    private void holder(String field, String personId, String departmentId, List<Problem.FieldError> errors) {
        Optional<PersonDetails> person = personId == null ? Optional.empty() : people.find(personId);
        if (person.isEmpty() || !person.get().active() || !departmentId.equals(person.get().departmentId())) {
            errors.add(new Problem.FieldError(field, "an active person of the department"));
        }
    }
}

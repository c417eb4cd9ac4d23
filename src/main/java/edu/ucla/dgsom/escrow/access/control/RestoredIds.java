package edu.ucla.dgsom.escrow.access.control;

import edu.ucla.dgsom.escrow.problems.Problem;
import edu.ucla.dgsom.escrow.problems.ProblemException;
import edu.ucla.dgsom.escrow.problems.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a disaster-recovery restore made of the departments or people of the export: this installation's id of each
 * id in the file (the export's own, unless an existing record was matched), and how many were created.
 */
public record RestoredIds(Map<String, String> ids, int created) {

    public RestoredIds {
        ids = Map.copyOf(ids);
    }

    /** This installation's id of the file's {@code id}, if the file had it. */
    public Optional<String> of(String id) {
        return Optional.ofNullable(id).map(ids::get);
    }

    public int matched() {
        return ids.size() - created;
    }

    /** A file that does not fit this installation: 422 naming where. */
    public static ProblemException inconsistent(String field, String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The disaster-recovery file does not fit this"
                + " installation at " + field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}

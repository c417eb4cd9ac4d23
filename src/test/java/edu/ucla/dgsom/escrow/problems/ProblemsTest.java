package edu.ucla.dgsom.escrow.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import java.sql.BatchUpdateException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void unexpectedFailureBecomesAnInternalErrorThatQuotesNothingOfTheException() {
        Problem problem = Problems.from(new IllegalStateException("secret hunter2 leaked"), "/api/v1/x", "rid-1");
        assertEquals(500, problem.status());
        assertEquals(ProblemType.INTERNAL_ERROR.type(), problem.type());
        assertFalse(problem.detail().contains("hunter2"));
        assertEquals("rid-1", problem.requestId());
    }

    @Test
    void unreadableJsonAnywhereInTheCauseChainIsAMalformedRequestWithoutTheParsersMessage() {
        Problem problem = Problems.from(new ProcessingException("wrapped",
                new JsonbException("Unexpected char 'h' in hunter2")), "/api/v1/x", "rid-2");
        assertEquals(400, problem.status());
        assertEquals(ProblemType.MALFORMED_REQUEST.type(), problem.type());
        assertFalse(problem.detail().contains("hunter2"));
    }

    @Test
    void applicationProblemKeepsItsTypeDetailAndFieldErrors() {
        Problem problem = Problems.from(new ProblemException(ProblemType.CONFLICT, "Already exists",
                List.of(new Problem.FieldError("code", "taken"))), "/api/v1/x", "rid-3");
        assertEquals(409, problem.status());
        assertEquals("Already exists", problem.detail());
        assertEquals("code", problem.errors().get(0).field());
    }

    @Test
    void anIllegalTransitionIsAConflictNamingTheStateItFound() {
        Problem problem = Problems.from(ProblemException.illegalTransition("Request r1", Thread.State.RUNNABLE,
                "only a NEW one can start"), "/api/v1/x", "rid-9");
        assertEquals(409, problem.status());
        assertEquals(ProblemType.CONFLICT.type(), problem.type());
        assertEquals("Request r1 is RUNNABLE: only a NEW one can start", problem.detail());
        assertEquals("RUNNABLE", problem.currentState());
        assertNull(Problems.from(new ProblemException(ProblemType.CONFLICT, "Already exists"), "/x", "r")
                .currentState(), "other problems name no state");
    }

    @Test
    void everyTypeHasAStableUriUnderTheBase() {
        for (ProblemType type : ProblemType.values()) {
            assertEquals(ProblemType.BASE, type.type().toString().substring(0, ProblemType.BASE.length()));
        }
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, ProblemType.forStatus(413));
        assertEquals(ProblemType.INTERNAL_ERROR, ProblemType.forStatus(502));
    }

    @Test
    void a_duplicate_entry_in_a_known_unique_key_anywhere_in_the_causes_is_a_409_naming_the_field() {
        var duplicate = new SQLIntegrityConstraintViolationException(
                "(conn=7) Duplicate entry 'E-secret-42' for key 'uk_person_employee'", "23000", 1062);
        Problem problem = Problems.from(new IllegalStateException("commit failed", new RuntimeException(duplicate)),
                "/api/v1/people", "rid-3");
        assertEquals(409, problem.status());
        assertEquals(ProblemType.CONFLICT.type(), problem.type());
        assertEquals(List.of(new Problem.FieldError("employeeId", "already used")), problem.errors());
        assertFalse(problem.detail().contains("E-secret-42"), problem.detail());
    }

    @Test
    void a_duplicate_entry_reported_through_a_batch_is_a_409_too() {
        var batch = new BatchUpdateException("batch failed", "23000", 1062, new int[0], null);
        batch.setNextException(new SQLIntegrityConstraintViolationException(
                "Duplicate entry 'x' for key 'escrow.uk_department_code'", "23000", 1062));
        Problem problem = Problems.from(new RuntimeException(batch), "/api/v1/departments", "rid-4");
        assertEquals(409, problem.status());
        assertEquals(List.of(new Problem.FieldError("code", "already used")), problem.errors());
    }

    @Test
    void another_integrity_violation_is_still_an_internal_error() {
        var foreignKey = new SQLIntegrityConstraintViolationException("Cannot add or update a child row", "23000",
                1452);
        assertEquals(500, Problems.from(new RuntimeException(foreignKey), "/api/v1/x", "rid-5").status());
    }

    @Test
    void json_nested_deeper_than_the_parser_allows_is_a_malformed_request_not_a_500() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        RuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> jakarta.json.Json.createReader(new java.io.StringReader(deep)).readValue());
        Problem problem = Problems.from(refused, "/scim/v2/Users", "rid-6");
        assertEquals(400, problem.status(), problem::toString);
        assertEquals(ProblemType.MALFORMED_REQUEST.type(), problem.type());
        assertEquals("invalidSyntax", ScimError.of(problem).scimType());
    }

    @Test
    void a_scim_error_has_no_request_id_and_no_scim_type_outside_400_and_409() {
        Problem notFound = Problems.of(ProblemType.NOT_FOUND, "User x was not found", "/scim/v2/Users/x", "rid-7");
        assertEquals(new ScimError(List.of("urn:ietf:params:scim:api:messages:2.0:Error"), "404", null,
                "User x was not found"), ScimError.of(notFound));
    }

    @Test
    void a_database_that_is_away_is_a_503_to_retry_after_two_seconds_quoting_nothing_of_the_driver() {
        RuntimeException failure = new IllegalStateException("wrapped", new java.sql.SQLNonTransientConnectionException(
                "Socket error to 10.0.0.7:3306 user escrow", "08000"));
        Problem problem = Problems.from(failure, "/api/v1/x", "rid-9");
        assertEquals(503, problem.status());
        assertEquals(ProblemType.SERVICE_UNAVAILABLE.type(), problem.type());
        assertFalse(problem.detail().contains("10.0.0.7"));
        assertEquals(2L, Problems.retryAfterSeconds(failure));
        assertNull(Problems.retryAfterSeconds(new IllegalStateException("a bug")));
    }
}

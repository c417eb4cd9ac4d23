package edu.ucla.dgsom.escrow.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
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
    void everyTypeHasAStableUriUnderTheBase() {
        for (ProblemType type : ProblemType.values()) {
            assertEquals(ProblemType.BASE, type.type().toString().substring(0, ProblemType.BASE.length()));
        }
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, ProblemType.forStatus(413));
        assertEquals(ProblemType.INTERNAL_ERROR, ProblemType.forStatus(502));
    }
}

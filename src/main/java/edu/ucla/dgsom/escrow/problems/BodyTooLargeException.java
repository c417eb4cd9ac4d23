package edu.ucla.dgsom.escrow.problems;

import java.io.IOException;

/**
 * Thrown while a request body is read past the size limit. It surfaces wrapped by the JSON reader, so the problem
 * mapping looks for it among the causes and answers 413.
 */
public class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}

package edu.ucla.dgsom.escrow.imports.control;

import edu.ucla.dgsom.escrow.problems.ProblemException;

/**
 * The 400s of a file that cannot be read. Each names where (a line, an item, an entry) and why, and never a value
 * from the file: a value may be a secret, so neither the file's text nor a parser's message (which may quote it) is
 * repeated.
 */
final class ImportProblems {

    static final String FILE = "file";
    static final String PASSWORD = "password";

    private ImportProblems() {
    }

    static ProblemException at(String position, String cause) {
        return ProblemException.invalidField(FILE, position + ": " + cause);
    }

    static ProblemException file(String cause) {
        return ProblemException.invalidField(FILE, cause);
    }

    static ProblemException wrongPassword() {
        return ProblemException.invalidField(PASSWORD, "wrong password for the encrypted export");
    }

    static ProblemException passwordMissing() {
        return ProblemException.invalidField(PASSWORD, "the export is password-protected: give its password");
    }
}

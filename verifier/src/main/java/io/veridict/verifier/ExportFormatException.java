package io.veridict.verifier;

import java.io.IOException;

/**
 * An export file breaks the format: a line that is not JSON, lacks a member, has a member of
 * the wrong type, an unknown member or line type, a missing or wrong end line (a truncated
 * file), invalid UTF-8. Carries the 1-based line number.
 *
 * @see "docs/export-format.md"
 */
public final class ExportFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;
    private final String problem;

    /**
     * @param lineNumber 1-based number of the offending line
     * @param problem    what is wrong with it; MUST NOT quote payload contents
     */
    public ExportFormatException(long lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    /** @return the 1-based number of the offending line */
    public long lineNumber() {
        return lineNumber;
    }

    /** @return what is wrong, without the line number */
    public String problem() {
        return problem;
    }
}

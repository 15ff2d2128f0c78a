package io.veridict.schemas.note;

/** A key string, note or checkpoint that breaks its format, or a note no trusted key signed. */
public final class NoteFormatException extends RuntimeException {

    public NoteFormatException(String message) {
        super(message);
    }

    NoteFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

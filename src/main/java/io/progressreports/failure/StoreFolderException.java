package io.progressreports.failure;

/**
 * A --store-dir the embedded store cannot use: one that does not exist for a command that only reads a store
 * ({@link Kind#MISSING}), or one that holds something else, which is never touched ({@link Kind#FOREIGN}).
 */
public final class StoreFolderException extends RuntimeException {

    public enum Kind { MISSING, FOREIGN }

    private final Kind kind;

    public StoreFolderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

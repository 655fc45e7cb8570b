package dev.oktaprov.simulator.directory;

/** An {@code after} cursor that this simulator never handed out (or handed out before a reset). */
public final class UnknownCursorException extends RuntimeException {

    public UnknownCursorException() {
        super("unknown pagination cursor");
    }
}

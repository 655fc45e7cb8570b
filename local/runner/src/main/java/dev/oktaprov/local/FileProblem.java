package dev.oktaprov.local;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Why a file the operator named cannot be read, as words rather than the JDK's exception class. */
public final class FileProblem {

    private FileProblem() {}

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException inTheWay) {
            // Creating the directories of a path whose parent is a file.
            return inTheWay.getFile() + " is a file, not a directory";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String reason = e instanceof FileSystemException problem ? problem.getReason() : e.getMessage();
        // "Is a directory" and the like: the operating system's own words.
        if (reason == null || reason.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}

package org.dcom4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words. The JDK's {@link FileSystemException} subclasses carry the
 * reason in their type and only the path in their message ({@code NoSuchFileException: /proc/nope}),
 * so an error built as {@code "cannot create " + dir + ": " + e.getMessage()} repeats the path and
 * never says why; this class supplies the why.
 */
final class IoReasons {
    private IoReasons() {
    }

    /** {@code no such file or directory}, {@code permission denied}, the OS's reason, or the message. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists (not a directory)";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lowerFirst(f.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * {@code message} with a trailing {@code ": " + cause.getMessage()} — the path again, when the
     * cause is a {@link FileSystemException} — replaced by {@link #reason}; unchanged otherwise.
     */
    static String explain(String message, Throwable e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof FileSystemException f) {
                String raw = ": " + f.getMessage();
                return message.endsWith(raw)
                        ? message.substring(0, message.length() - raw.length()) + ": " + reason(f)
                        : message;
            }
        }
        return message;
    }

    /** {@code Is a directory} → {@code is a directory}: the reason continues a sentence. */
    private static String lowerFirst(String s) {
        return s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1))
                ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

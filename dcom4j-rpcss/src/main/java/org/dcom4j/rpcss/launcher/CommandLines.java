package org.dcom4j.rpcss.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a LocalServer32 command line into an argument vector the way a POSIX shell splits words,
 * without a shell: no variable, glob, tilde or command expansion, no redirections, no {@code ;} or
 * {@code |} (they are ordinary characters). What the launcher runs is exactly what the registry says.
 *
 * <ul>
 *   <li>blanks (space, tab, newline) separate words;</li>
 *   <li>{@code '…'} keeps everything literally;</li>
 *   <li>{@code "…"} keeps everything literally except {@code \"} and {@code \\};</li>
 *   <li>outside quotes, {@code \x} is {@code x}.</li>
 * </ul>
 * An unterminated quote or a trailing backslash is an error, never guessed at. Stateless; thread-safe.
 */
final class CommandLines {
    private CommandLines() {
    }

    /**
     * @throws IllegalArgumentException for an unterminated quote, a trailing backslash or no word at all
     */
    static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = commandLine.length();
        for (int i = 0; i < n; i++) {
            char c = commandLine.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\r' -> {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                }
                case '\'' -> {
                    int end = commandLine.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated ' quote at offset " + i + " in: " + commandLine);
                    }
                    word.append(commandLine, i + 1, end);
                    inWord = true;
                    i = end;
                }
                case '"' -> {
                    int j = i + 1;
                    while (true) {
                        if (j >= n) {
                            throw new IllegalArgumentException("unterminated \" quote at offset " + i + " in: " + commandLine);
                        }
                        char d = commandLine.charAt(j);
                        if (d == '"') {
                            break;
                        }
                        if (d == '\\' && j + 1 < n && (commandLine.charAt(j + 1) == '"' || commandLine.charAt(j + 1) == '\\')) {
                            word.append(commandLine.charAt(j + 1));
                            j += 2;
                        } else {
                            word.append(d);
                            j++;
                        }
                    }
                    inWord = true;
                    i = j;
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw new IllegalArgumentException("trailing backslash in: " + commandLine);
                    }
                    word.append(commandLine.charAt(++i));
                    inWord = true;
                }
                default -> {
                    word.append(c);
                    inWord = true;
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        return words;
    }
}

package org.dcom4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How {@code user add} and {@code user passwd} get a password: typed twice at the terminal without
 * echo, or one line of standard input ({@code --password-stdin}, for scripts). The password never
 * becomes a {@code String}; every array handed out is the caller's to wipe, and the buffers used on
 * the way are wiped here.
 */
final class PasswordInput {
    /** The most bytes read from stdin: 256 characters of UTF-8 (at most 4 bytes each) and a CR LF. */
    static final int MAX_STDIN = 256 * 4 + 2;

    private PasswordInput() {
    }

    /** The password for {@code user}: from stdin when {@code fromStdin}, else typed twice at the console. */
    static char[] read(boolean fromStdin, String user) {
        return fromStdin ? fromStdin(System.in) : fromConsole(user);
    }

    private static char[] fromConsole(String user) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw CliException.badInput("no terminal to read the password from: pipe it in with --password-stdin");
        }
        char[] first = console.readPassword("New password for %s: ", user);
        char[] second = first == null ? null : console.readPassword("Retype the password: ");
        try {
            if (first == null || second == null) {
                throw CliException.badInput("no password read (end of input)");
            }
            if (!Arrays.equals(first, second)) {
                throw CliException.badInput("the two passwords differ; nothing changed");
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /** One line of {@code in}, UTF-8, without one trailing {@code \n} or {@code \r\n}; bytes after the first line are not read. */
    static char[] fromStdin(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] bytes = null;
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (buf.size() == MAX_STDIN) {
                    throw CliException.badInput("password on stdin too long: more than " + MAX_STDIN + " bytes");
                }
                buf.write(b);
            }
            bytes = buf.toByteArray();
            int n = bytes.length;
            if (b == '\n' && n > 0 && bytes[n - 1] == '\r') {
                n--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return out;
        } catch (CharacterCodingException e) {
            throw CliException.badInput("the password on stdin is not UTF-8");
        } catch (IOException e) {
            throw CliException.environment("cannot read the password from stdin: " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
            // ByteArrayOutputStream has no wipe: overwrite its buffer by writing zeros over it.
            int size = buf.size();
            buf.reset();
            buf.write(new byte[size], 0, size);
        }
    }
}

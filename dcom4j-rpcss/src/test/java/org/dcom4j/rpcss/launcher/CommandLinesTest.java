package org.dcom4j.rpcss.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {
    @Test
    void splitsOnBlanksAndKeepsQuotedWordsTogether() {
        assertEquals(List.of("/opt/my app/server", "-x", "a b", "c\"d", "e\\f"),
                CommandLines.split("  '/opt/my app/server'\t-x \"a b\" \"c\\\"d\" e\\\\f "));
    }

    @Test
    void expandsNothingAShellWould() {
        assertEquals(List.of("/bin/echo", "$HOME", "*", "~", "`id`", ";", "|", ">x"),
                CommandLines.split("/bin/echo $HOME * ~ `id` ; | >x"));
        assertEquals(List.of("a$b'c"), CommandLines.split("\"a$b'c\""));
    }

    @Test
    void joinsAdjacentQuotedPartsIntoOneWord() {
        assertEquals(List.of("abc def", ""), CommandLines.split("a'bc'\" def\" ''"));
    }

    @Test
    void refusesUnterminatedQuotesTrailingBackslashAndEmptyLines() {
        assertThrows(IllegalArgumentException.class, () -> CommandLines.split("/bin/x 'oops"));
        assertThrows(IllegalArgumentException.class, () -> CommandLines.split("/bin/x \"oops"));
        assertThrows(IllegalArgumentException.class, () -> CommandLines.split("/bin/x \\"));
        assertThrows(IllegalArgumentException.class, () -> CommandLines.split("   "));
    }
}

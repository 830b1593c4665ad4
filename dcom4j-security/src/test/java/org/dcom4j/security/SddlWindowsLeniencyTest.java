package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Windows' ConvertStringSecurityDescriptorToSecurityDescriptorW accepts beyond MS-DTYP 2.5.1's
 * grammar, and what it still refuses. The Windows behaviour each case exercises is named next to it;
 * the evidence is the expectations of Samba's {@code python/samba/tests/sddl.py}, recorded by running
 * its strings through that Windows function (its classes SddlNonCanonical, SddlWindowsIsLessFussy and
 * SddlShouldFail). The strings here are our own. Where no evidence shows what Windows does, the
 * parser stays strict, and the last group pins that.
 */
class SddlWindowsLeniencyTest {
    private static Arguments reads(String input, String canonical, String windowsBehaviour) {
        return Arguments.of(input, canonical, windowsBehaviour);
    }

    static Stream<Arguments> windowsAccepts() {
        return Stream.of(
                reads("  O:BA G:SY  ", "O:BAG:SY", "spaces before a component, after an alias, at the end"),
                reads("O:BAG:BAD: (A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)",
                        "O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)", "a space after D: before an ACE"),
                reads("D: PAI(A;;GA;;;SY)", "D:PAI(A;;GA;;;SY)", "a space after D: before the ACL flags"),
                reads("D: S:", "D:S:", "a space after D: before the next component"),
                reads("D:PAI (A;;GA;;;SY)", "D:PAI(A;;GA;;;SY)", "a space after the ACL flags"),
                reads("D:(A;;GA;;;SY) (A;;GR;;;WD)", "D:(A;;GA;;;SY)(A;;GR;;;WD)", "a space between ACEs"),
                reads("S:AI (AU;SA;FA;;;WD)  (AU;FA;FA;;;WD)", "S:AI(AU;SA;FA;;;WD)(AU;FA;FA;;;WD)",
                        "S: read as D: (one ACL syntax)"),
                reads("D:(A; ;GA;;;SY)", "D:(A;;GA;;;SY)", "an ACE flags field of spaces only"),
                reads("D:(A;; GA;;;SY)", "D:(A;;GA;;;SY)", "a space before rights codes"),
                reads("D:(A;; 0x1f;;;SY)", "D:(A;;CCDCLCSWRP;;;SY)", "a space before a rights number"),
                reads("D:(A;;RP LCLO  RC;;;AU)", "D:(A;;LCRPLORC;;;AU)", "spaces between rights codes"),
                reads("D:(A;;GA; ; ;SY)", "D:(A;;GA;;;SY)", "GUID fields of spaces only, even in a non-object ACE"),
                reads("D:(A;;GA;;; SY)", "D:(A;;GA;;;SY)", "a space before an alias"),
                reads("D:(A;;GA;;;SY  )", "D:(A;;GA;;;SY)", "spaces after an alias"),
                reads("D:(A;;GA;;; S-1-5-32-562)", "D:(A;;GA;;;S-1-5-32-562)", "a space before a SID string"),
                reads("D:(a;;ga;;;sy)", "D:(A;;GA;;;SY)", "lowercase ACE type, rights and alias"),
                reads("S:(oU;SA;rPwP;bf967aba-0de6-11d0-a285-00aa003049e2;;Wd)",
                        "S:(OU;SA;RPWP;bf967aba-0de6-11d0-a285-00aa003049e2;;WD)",
                        "every ACE type, rights code and alias folds case, not only A, GA, LG"),
                reads("O:S- 1- 5-32-544", "O:BA", "spaces after S- and after the revision's '-'"),
                reads("D:(A;;GA;;;S-1-5-21-0x1-0x2-0x3-513)", "D:(A;;GA;;;S-1-5-21-1-2-3-513)",
                        "hexadecimal sub-authorities"),
                reads("O:S-1-5-21-7-8-9-0x200D:", "O:S-1-5-21-7-8-9-512D:",
                        "a D after a hexadecimal sub-authority starts D:"),
                reads(" O:BA D: P (a;;ga;;; ba) (A; ;RP WP;;;WD ) ", "O:BAD:P(A;;GA;;;BA)(A;;RPWP;;;WD)",
                        "all of the above at once"));
    }

    @ParameterizedTest(name = "{2}: \"{0}\"")
    @MethodSource("windowsAccepts")
    void readsWhatWindowsAcceptsAndPrintsItCanonically(String input, String canonical, String windowsBehaviour) {
        SecurityDescriptor sd = Sddl.parse(input);
        assertEquals(canonical, Sddl.format(sd));
        assertEquals(sd, Sddl.parse(canonical));
    }

    private static Arguments refuses(String input, int position, String message, String why) {
        return Arguments.of(input, position, message, why);
    }

    static Stream<Arguments> windowsRefuses() {
        String guid = "bf967aba-0de6-11d0-a285-00aa003049e2";
        return Stream.of(
                refuses("d:(A;;GA;;;SY)", 0, "expected a component", "a lowercase component letter"),
                refuses("D :S:", 0, "expected a component", "a space between the letter and ':'"),
                refuses("D:(A;;GA ;;;SY)", 8, "no space may follow the access rights", "a space after rights codes"),
                refuses("D:(A;;123 ;;;SY)", 9, "bad digit ' '", "a space after a rights number"),
                refuses("D:(A;;0x 1f;;;SY)", 8, "bad digit ' '", "a space inside a number"),
                refuses("D:(A;;RP LCLOR C;;;AU)", 13, "two-letter codes", "a space splitting a rights code"),
                refuses("D:(A;;RP\tLC;;;AU)", 8, "unknown access right", "a tab between rights codes"),
                refuses("D:(A;;GA;;;S-1-5-32-544 )", 23, "no space may follow a SID string", "a space after a SID string"),
                refuses("D:(OA;;GA; " + guid + ";;WD)", 10, "GUID must have 36 characters", "a space before a GUID"),
                refuses("D:(OA;;GA;;" + guid + " ;WD)", 11, "GUID must have 36 characters", "a space after a GUID"),
                refuses("D:(OA;;GA;{" + guid + "};;WD)", 10, "GUID must have 36 characters", "a GUID in braces"),
                refuses("D:(A;;GA;;;SY;)", 13, "unexpected ';'", "a seventh field"),
                refuses("D:(\u0100;;GA;;;SY)", 3, "unknown ACE type", "a non-ASCII letter in the type"));
    }

    /**
     * Accepted by Windows but refused here on purpose: Windows silently changes their meaning
     * (saturating or wrapping numbers), and in a security policy a typo must not become GENERIC_ALL.
     */
    static Stream<Arguments> windowsMisreads() {
        return Stream.of(
                refuses("D:(A;;0x100000000;;;SY)", 6, "exceeds 0xffffffff", "Windows saturates to 0xffffffff"),
                refuses("D:(A;;-99;;;SY)", 6, "unknown access right \"-9\"", "Windows wraps to 0xffffff9d"),
                refuses("D:(A;;GA;;;S-1-5-21-0x100000000-513)", 11, "exceeds 0xffffffff", "Windows saturates"),
                refuses("D:(A;;GA;;;S-1-5-21-4294967296-513)", 11, "bad sub-authority", "Windows saturates"),
                refuses("O:S-0x1-5-32-544", 2, "not a SID string", "Windows reads the rest as hexadecimal"));
    }

    /** No evidence shows what Windows does with these; the parser stays strict. */
    static Stream<Arguments> notEstablished() {
        return Stream.of(
                refuses("o:BA", 0, "expected a component", "lowercase O:"),
                refuses("D:p(A;;GA;;;SY)", 2, "expected ACL flag", "lowercase ACL flags"),
                refuses("D:no_access_control", 2, "expected ACL flag", "lowercase NO_ACCESS_CONTROL"),
                refuses("D:(A;oi;GA;;;SY)", 5, "unknown ACE flag \"oi\"", "lowercase ACE flags"),
                refuses("D:(A; OI;GA;;;SY)", 5, "ACE flags must be two-letter codes", "a space in a non-empty ACE flags field"),
                refuses("D:( A;;GA;;;SY)", 3, "unknown ACE type \" A\"", "a space before the ACE type"),
                refuses("D:(A;; ;;;SY)", 6, "access rights of spaces only", "a rights field of spaces only"),
                refuses("D:P AI(A;;GA;;;SY)", 3, "expected '('", "a space between ACL flags"),
                refuses("D:NO_ACCESS_CONTROL S:", 19, "must not be followed", "a space after NO_ACCESS_CONTROL"),
                refuses("O:S-1-5-32-544 G:SY", 14, "expected a component", "a space after a SID string in O:"),
                refuses("O:S-1-5-32- 544", 2, "bad sub-authority", "a space before a sub-authority"),
                refuses("D:(A;;GA;;;s-1-5-32-544)", 11, "uppercase S", "a lowercase s- SID prefix"),
                refuses("O:s-1-5-32-544", 2, "uppercase S", "a lowercase s- SID prefix in O:"),
                refuses("D:\t(A;;GA;;;SY)", 2, "expected ACL flag", "a tab where a space is skipped"),
                refuses("D:(A;;GA;;;SY)\u00a0", 14, "expected '('", "a no-break space where a space is skipped"));
    }

    @ParameterizedTest(name = "{3}: \"{0}\"")
    @MethodSource({"windowsRefuses", "windowsMisreads", "notEstablished"})
    void refusesNamingThePosition(String input, int position, String message, String why) {
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> Sddl.parse(input));
        assertTrue(e.getMessage().contains(message), () -> "message \"" + e.getMessage() + "\" lacks \"" + message + "\"");
        assertTrue(Pattern.compile("position=" + position + "(?!\\d)").matcher(e.getMessage()).find(),
                () -> "message \"" + e.getMessage() + "\" lacks position=" + position);
    }

    @Test
    void pointsAtTheFirstSpaceWhenSpacesAreFollowedByJunk() {
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> Sddl.parse("O:BA  junk"));
        assertTrue(e.getMessage().contains("near \"  junk\" (Windows accepts no blank here)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("position=4"), e.getMessage());
    }

    @Test
    void readsRightsLikeTheParserThroughThePublicHelper() {
        assertEquals(AccessMask.GENERIC_ALL | AccessMask.GENERIC_READ, Sddl.parseRights(" ga GR"));
        assertThrows(SecurityFormatException.class, () -> Sddl.parseRights("GA "));
    }
}

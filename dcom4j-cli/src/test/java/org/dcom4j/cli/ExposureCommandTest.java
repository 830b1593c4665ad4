package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcom4j exposure}: a weak application (its LaunchPermission grants Everyone Remote
 * Activation) is flagged only where the machine limit lets the grant through — under the legacy
 * profile, not under Server 2003 SP1.
 */
class ExposureCommandTest {
    static final String WEAK = "{6B1F3C2A-0F7E-4D7A-9C41-2F5E8A9D1B30}";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void registerWeakApplication() {
        cli = new Cli(dir);
        assertEquals(0, cli.run("config", "init", "--profile", "legacy").code());
        Cli.Result r = cli.run("app", "register", "--appid", WEAK, "--name", "Weak Server",
                "--launch-sddl", "O:BAG:BAD:(A;;CCDCLCSWRP;;;WD)");
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void textFlagsEveryoneWithRemoteActivationOnTheWeakApplication() {
        Cli.Result r = cli.run("exposure");
        assertEquals(0, r.code(), "a report exits 0 even when it flags:\n" + r);
        List<String> l = r.outLines();
        int app = l.indexOf(WEAK + " \"Weak Server\"");
        assertTrue(app > 0, r::toString);
        assertEquals("    principal              LL LA RL RA LC RC", l.get(app + 1));
        assertEquals("  ! Everyone                x  x  x  x  -  -", l.get(app + 2));
        assertEquals("    ANONYMOUS LOGON         -  -  -  -  -  -", l.get(app + 3));
        assertTrue(r.out().contains("Flagged rows: 1"), r::toString);
        assertTrue(r.out().contains("  !   Everyone or ANONYMOUS LOGON has a remote right"), r::toString);
        assertTrue(r.out().contains("Warnings: none"), r::toString);
    }

    @Test
    void eachApplicationListsItsRegisteredClasses() {
        assertEquals(0, cli.run("class", "register", "{0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9}", "--name", "Weak Class",
                "--appid", WEAK, "--progid", "Weak.Class").code());
        String text = cli.run("exposure").out();
        assertTrue(text.contains("    classes: Weak.Class {0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9}"), text);
        String json = cli.run("exposure", "--format", "json").out();
        assertTrue(json.contains("\"classes\": [\"Weak.Class {0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9}\"]"), json);
    }

    @Test
    void theReportSaysWhichStoreWhenAndUnderWhichProfile() {
        List<String> l = cli.run("exposure").outLines();
        assertEquals("store: " + dir.toAbsolutePath(), l.get(1));
        assertTrue(l.get(2).matches("machine SID: S-1-5-21-\\d+-\\d+-\\d+"), l::toString);
        assertTrue(l.get(3).matches("generated: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), l::toString);
        assertEquals("profile: legacy (pre-SP2 effective behaviour: no machine-wide restriction)", l.get(4));

        cli.run("config", "policy", "set", "access", "O:BAG:BAD:(A;;CCDCLC;;;BA)");
        cli.run("config", "set", "HKLM\\SOFTWARE\\Microsoft\\Ole", "EnableDCOM", "N");
        l = cli.run("exposure").outLines();
        assertEquals("profile: none (the machine values were edited and match no profile); overridden by policy: "
                + "MachineAccessRestriction", l.get(4));
        String json = cli.run("exposure", "--format", "json").out();
        assertTrue(json.contains("\"profile\": null, \"policies\": [\"MachineAccessRestriction\"],"), json);
        String html = cli.run("exposure", "--format", "html").out();
        assertTrue(html.contains("<tr><th>store</th><td>" + dir.toAbsolutePath() + "</td></tr>"), html);
    }

    @Test
    void theServer2003Sp1MachineLimitNeutralisesTheWeakGrant() {
        assertEquals(0, cli.run("config", "init", "--profile", "ws2003sp1", "--force").code());
        Cli.Result r = cli.run("exposure", "--fail-on-flag");
        assertEquals(0, r.code(), r::toString);
        int app = r.outLines().indexOf(WEAK + " \"Weak Server\"");
        assertEquals("    Everyone                x  x  -  -  -  -", r.outLines().get(app + 2));
        assertTrue(r.out().contains("Flagged rows: none"), r::toString);
    }

    @Test
    void failOnFlagExitsThree() {
        assertEquals(3, cli.run("exposure", "--fail-on-flag").code());
        assertEquals(3, cli.run("exposure", "--fail-on-flag", "--format", "json").code());
    }

    @Test
    void jsonHasStableKeysAndTheFlag() {
        Cli.Result r = cli.run("exposure", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        String json = r.out();
        assertTrue(json.matches("(?s)\\{\n  \"store\": \"" + Pattern.quote(dir.toAbsolutePath().toString())
                + "\", \"machineSid\": \"S-1-5-21-\\d+-\\d+-\\d+\", \"generated\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\",\n"
                + "  \"profile\": \"legacy\", \"policies\": \\[\\],\n  \"flaggedRows\": 1,\n  \"targets\": \\[.*"), json);
        assertTrue(json.contains("{\"target\": \"machine defaults\", \"appid\": null,"), json);
        // appid is the braced GUID the target label starts with.
        assertTrue(json.contains("{\"target\": \"" + WEAK + " \\\"Weak Server\\\"\", \"appid\": \"" + WEAK + "\","), json);
        assertTrue(json.contains("{\"principal\": \"Everyone\", \"sid\": \"S-1-1-0\", \"flagged\": true, \"rights\": "
                + "{\"LL\": true, \"LA\": true, \"RL\": true, \"RA\": true, \"LC\": false, \"RC\": false}}"), json);
        assertTrue(json.contains("\"warnings\": [],"), json);
        assertTrue(json.strip().endsWith("}"), json);
        assertBalanced(json);
    }

    @Test
    void htmlIsSelfContainedWithFlaggedCellsHighlighted() {
        Cli.Result r = cli.run("exposure", "--format", "html");
        assertEquals(0, r.code(), r::toString);
        String html = r.out();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<style>") && html.contains("td.flag{"), html);
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src="), "self-contained");
        assertTrue(html.contains("<h2>" + WEAK + " &quot;Weak Server&quot;</h2>"), html);
        assertTrue(html.contains("<tr class=\"flagged\"><td>! Everyone <small>S-1-1-0</small></td>"
                + "<td class=\"yes\">x</td><td class=\"yes\">x</td><td class=\"flag\">x</td><td class=\"flag\">x</td>"), html);
        assertTrue(html.contains("<h2>Legend</h2>"), html);
        assertTrue(html.strip().endsWith("</html>"), html);
    }

    @Test
    void anInvalidApplicationDescriptorIsAWarning() {
        cli.run("config", "set", "HKLM\\SOFTWARE\\Classes\\AppID\\" + WEAK, "AccessPermission", "0102", "--type", "REG_BINARY");
        Cli.Result r = cli.run("exposure");
        assertTrue(r.out().contains("Warnings (each invalid descriptor denies what it guards):"), r::toString);
        assertTrue(r.out().contains("\"Weak Server\" AccessPermission (HKLM\\SOFTWARE\\Classes\\AppID\\" + WEAK
                + "\\AccessPermission) is invalid: malformed: "), r::toString);
    }

    private static void assertBalanced(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                assertTrue(depth >= 0, json);
            }
        }
        assertEquals(0, depth, json);
    }
}

package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegFileTest {
    @TempDir
    Path dir;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RegFileTest.class.getResourceAsStream("/vectors/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "windows-ole-export.reg,   HKLM\\SOFTWARE\\Microsoft\\Ole",
        "windows-appid-export.reg, HKLM\\SOFTWARE\\Classes\\AppID\\{6D3A1C5E-8B21-4F0A-9C77-2E5B40D1A9F3}",
        "windows-clsid-export.reg, HKLM\\SOFTWARE\\Classes\\CLSID\\{B1C7A0E2-5F3D-4E8A-A1B2-C3D4E5F60718}"})
    void aWindowsExportLoadsUnchangedAndReExportsIdentically(String file, String key) throws IOException {
        byte[] original = resource(file);
        try (Registry r = Registry.open(dir)) {
            RegFile.parse(original).applyTo(r, Tokens.ADMIN);
            byte[] again = RegFile.export(r, key, RegFile.Format.REGEDIT);
            assertEquals(new String(original, StandardCharsets.UTF_16LE), new String(again, StandardCharsets.UTF_16LE));
            assertArrayEquals(original, again);
        }
    }

    @Test
    void theWindowsOleExportHoldsWhatItSays() throws IOException {
        try (Registry r = Registry.open(dir)) {
            RegFile.parse(resource("windows-ole-export.reg")).applyTo(r, Tokens.ADMIN);
            RegFile.parse(resource("windows-appid-export.reg")).applyTo(r, Tokens.ADMIN);
            String ole = "HKLM\\SOFTWARE\\Microsoft\\Ole";
            assertEquals("Y", r.get(ole, "EnableDCOM").orElseThrow().asString());
            assertEquals(2, r.get(ole, "LegacyImpersonationLevel").orElseThrow().asInt());
            assertEquals("O:BAG:BAD:(A;;CCDCLCSWRP;;;BA)(A;;CCDCSW;;;WD)(A;;CCDCLCSWRP;;;S-1-5-32-562)",
                    org.dcom4j.security.SecurityDescriptor.fromBytes(r.get(ole, "MachineLaunchRestriction").orElseThrow().data()).toSddl());
            assertEquals("C:\\Windows\\system32\\com", r.get(ole + "\\Instrumentation", "InstrumentationLogFileDir").orElseThrow().asString());
            assertEquals(RegValue.expandSz("LogFileDirExpanded", "%SystemRoot%\\system32\\com\\dmp"),
                    r.get(ole + "\\Instrumentation", "LogFileDirExpanded").orElseThrow());
            String app = "HKCR\\AppID\\{6D3A1C5E-8B21-4F0A-9C77-2E5B40D1A9F3}";
            assertEquals("Contoso OPC DA Server \"Plant 7\"", r.get(app, "").orElseThrow().asString());
            assertEquals(List.of("ncacn_ip_tcp,0,5000", "ncalrpc,0,ContosoOpc"), r.get(app, "Endpoints").orElseThrow().asStrings());
        }
    }

    @Test
    void aRefusedImportLeavesNothingApplied() {
        String text = """
                Windows Registry Editor Version 5.00

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]
                "Allowed"="only because it is outside the protected keys? no: HKLM is admin-only too"

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Ole]
                "EnableDCOM"="N"
                """;
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKU\\S-1-5-21-1111-2222-3333-3000", RegValue.dword("v", 1));
            r.setKeySecurity(Tokens.ADMIN, "HKU\\S-1-5-21-1111-2222-3333-3000", org.dcom4j.security.SecurityDescriptor
                    .fromSddl("D:P(A;CI;KA;;;" + Tokens.ALICE.user() + ")"));
            String own = text.replace("[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]", "[HKEY_USERS\\S-1-5-21-1111-2222-3333-3000\\Software\\Mine]");
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> RegFile.parse(own).applyTo(r, Tokens.ALICE));
            assertTrue(e.getMessage().startsWith("line=7: access denied: KEY_SET_VALUE on HKLM\\SOFTWARE\\Microsoft\\Ole for alice"),
                    e.getMessage());
            assertFalse(r.exists("HKU\\S-1-5-21-1111-2222-3333-3000\\Software"));
            assertTrue(r.get("HKLM\\SOFTWARE\\Microsoft\\Ole", "EnableDCOM").isEmpty());
            // The part alice may write does apply on its own.
            RegFile.parse(own.substring(0, own.indexOf("[HKEY_LOCAL_MACHINE"))).applyTo(r, Tokens.ALICE);
            assertTrue(r.exists("HKU\\S-1-5-21-1111-2222-3333-3000\\Software\\Mine"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        Windows Registry Editor Version 4.00                       | line=1: expected the header
        REGEDIT4\\n"a"="b"                                          | line=2: a value must follow a [KEY] line
        REGEDIT4\\n[HKLM\\x                                          | line=2: expected ']' at the end
        REGEDIT4\\n[HKEY_NOWHERE\\x]                                 | line=2: unknown root key "HKEY_NOWHERE"
        REGEDIT4\\n\\n[HKLM\\x]\\n"v"=dwrod:1                         | line=4: expected "string", dword:, hex:, hex(N): or - after '=' but found "dwrod:1"
        REGEDIT4\\n[HKLM\\x]\\n"v"=dword:123456789                    | line=3: expected 1 to 8 hex digits after dword:
        REGEDIT4\\n[HKLM\\x]\\n"v"="unterminated                      | line=3: unterminated string data
        REGEDIT4\\n[HKLM\\x]\\n"v"="a\\b"                              | line=3: bad escape in the string data: \\b
        REGEDIT4\\n[HKLM\\x]\\n"v" "x"                                 | line=3: expected '=' after the value name
        REGEDIT4\\n[HKLM\\x]\\n"v"="x" trailing                        | line=3: expected the end of the line
        REGEDIT4\\n[HKLM\\x]\\n"v"=hex:01,02,\\\\n  03,zz               | line=4: expected a hex byte (00-ff) but found "zz"
        REGEDIT4\\n[HKLM\\x]\\n"v"=hex:01,,02                          | line=3: expected a hex byte between commas
        REGEDIT4\\n[HKLM\\x]\\n"v"=hex(c):00                           | line=3: unsupported value type 12
        REGEDIT4\\n[HKLM\\x]\\n"v"=hex(2)00                            | line=3: expected ':' after hex(N)
        REGEDIT4\\n[HKLM\\x]\\n"v"=hex:01,\\\\                          | line=3: the file ends inside a value
        REGEDIT4\\n[-HKLM\\x]\\n"v"="a"                                | line=3: a value cannot follow [-HKLM\\x]
        REGEDIT4\\n[HKLM\\x]\\nnonsense                                | line=3: expected [KEY], "name"=…, @=…
        """)
    void aParseErrorNamesTheLineAndWhatWasExpected(String text, String expected) {
        RegFileException e = assertThrows(RegFileException.class,
                () -> RegFile.parse(text.replace("\\n", "\n").replace("\\\\", "\\")));
        assertTrue(e.getMessage().startsWith(expected.replace("\\\\", "\\")), e.getMessage());
    }

    @Test
    void refusesAValueOverOneMebibyte() {
        StringBuilder sb = new StringBuilder("REGEDIT4\n[HKLM\\x]\n\"v\"=hex:");
        sb.append("00,".repeat(RegValue.MAX_DATA_BYTES)).append("00\n");
        RegFileException e = assertThrows(RegFileException.class, () -> RegFile.parse(sb.toString()));
        assertTrue(e.getMessage().contains("value too large: more than 1048576 bytes"), e.getMessage());
    }

    @Test
    void readsEveryValueFormAndDeletion() {
        String text = "\uFEFFWindows Registry Editor Version 5.00\r\n\r\n; a comment\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Forms]\r\n"
                + "@=\"default\"\r\n"
                + "\"Str\"=\"a \\\"quoted\\\" \\\\ path\"\r\n"
                + "\"Dw\"=dword:0000001E\r\n"
                + "\"Short\"=dword:1e\r\n"
                + "\"Bin\"=hex:de,ad,\\\r\n   be,ef\r\n"
                + "\"Empty\"=hex:\r\n"
                + "\"Q\"=hex(b):01,00,00,00,00,00,00,80\r\n"
                + "\"None\"=hex(0):\r\n"
                + "\"Exp\"=hex(2):25,00,41,00,25,00,00,00\r\n"
                + "\"Multi\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"
                + "  \"Spaced\" = \"ok\"  \r\n"
                + "\"Gone\"=-\r\n"
                + "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\r\n";
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\Forms", RegValue.dword("Gone", 1));
            r.set(Tokens.ADMIN, "HKLM\\SOFTWARE\\Old\\Sub", RegValue.dword("x", 1));
            RegFile f = RegFile.parse(text.getBytes(StandardCharsets.UTF_8));
            assertEquals(2, f.keyCount());
            assertEquals(12, f.valueCount());
            f.applyTo(r, Tokens.ADMIN);
            String k = "HKLM\\SOFTWARE\\Forms";
            assertEquals("default", r.get(k, "").orElseThrow().asString());
            assertEquals("a \"quoted\" \\ path", r.get(k, "Str").orElseThrow().asString());
            assertEquals(30, r.get(k, "Dw").orElseThrow().asInt());
            assertEquals(30, r.get(k, "Short").orElseThrow().asInt());
            assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, r.get(k, "Bin").orElseThrow().data());
            assertEquals(0, r.get(k, "Empty").orElseThrow().size());
            assertEquals(0x8000000000000001L, r.get(k, "Q").orElseThrow().asLong());
            assertEquals(RegType.REG_NONE, r.get(k, "None").orElseThrow().type());
            assertEquals("%A%", r.get(k, "Exp").orElseThrow().asString());
            assertEquals(List.of("a", "b"), r.get(k, "Multi").orElseThrow().asStrings());
            assertEquals("ok", r.get(k, "Spaced").orElseThrow().asString());
            assertTrue(r.get(k, "Gone").isEmpty());
            assertFalse(r.exists("HKLM\\SOFTWARE\\Old"));
        }
    }

    @Test
    void regedit4StringsInHexAreAnsi() {
        String text = "REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\n\"Exp\"=hex(2):25,41,25,e9,00\n"
                + "\"Multi\"=hex(7):61,00,62,00,00\n";
        try (Registry r = Registry.open(dir)) {
            RegFile.parse(text).applyTo(r, Tokens.ADMIN);
            assertEquals(RegValue.expandSz("Exp", "%A%é"), r.get("HKLM\\SOFTWARE\\Old", "Exp").orElseThrow());
            assertEquals(List.of("a", "b"), r.get("HKLM\\SOFTWARE\\Old", "Multi").orElseThrow().asStrings());
        }
    }

    @Test
    void exportWrapsHexLikeRegeditAndKeepsOddStringsAsHex() {
        try (Registry r = Registry.open(dir)) {
            String k = "HKLM\\SOFTWARE\\Wrap";
            r.batch(Tokens.ADMIN, b -> {
                b.set(k, RegValue.binary("A", new byte[30]));
                b.set(k, RegValue.of("NoNul", RegType.REG_SZ, new byte[] {0x41, 0}));
                b.set(k, RegValue.sz("Lines", "a\nb"));
                b.set(k, RegValue.of("Dw3", RegType.REG_DWORD, new byte[] {1, 2, 3}));
            });
            String text = RegFile.exportText(r, "hklm\\software\\wrap");
            assertEquals("""
                    Windows Registry Editor Version 5.00

                    [HKEY_LOCAL_MACHINE\\SOFTWARE\\Wrap]
                    "A"=hex:00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,\\
                      00,00,00,00,00,00,00
                    "NoNul"=hex(1):41,00
                    "Lines"=hex(1):61,00,0a,00,62,00,00,00
                    "Dw3"=hex(4):01,02,03

                    """, text);
            assertTrue(text.lines().allMatch(l -> l.length() <= 80));
            assertEquals(RegFile.parse(text).format(), text.replace("\r\n", "\n"));
        }
    }

    @Test
    void exportThroughClassesRootPrintsClassesRoot() {
        try (Registry r = Registry.open(dir)) {
            r.set(Tokens.ADMIN, "HKCR\\AppID\\{A}", RegValue.sz("", "x"));
            String text = RegFile.exportText(r, "HKCR\\AppID\\{A}");
            assertTrue(text.contains("\n[HKEY_CLASSES_ROOT\\AppID\\{A}]\n@=\"x\"\n"), text);
            assertThrows(IllegalArgumentException.class, () -> RegFile.exportText(r, "HKCR\\AppID\\{missing}"));
        }
    }

    @Test
    void theFileFormIsUtf16WithBomAndCrlf() {
        try (Registry r = Registry.open(dir)) {
            byte[] b = RegFile.export(r, "HKLM\\SOFTWARE\\Microsoft\\Ole", RegFile.Format.REGEDIT);
            assertEquals((byte) 0xFF, b[0]);
            assertEquals((byte) 0xFE, b[1]);
            String s = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
            assertEquals("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Ole]\r\n\r\n", s);
            assertEquals(s.replace("\r\n", "\n"),
                    new String(RegFile.export(r, "HKLM\\SOFTWARE\\Microsoft\\Ole", RegFile.Format.UTF8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesAVersion5FileWithoutBomThatIsNotUtf8WithTheLine() {
        byte[] b = "Windows Registry Editor Version 5.00\n[HKLM\\x]\n\"v\"=\"\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
        RegFileException e = assertThrows(RegFileException.class, () -> RegFile.parse(b));
        assertTrue(e.getMessage().startsWith("line=3: not valid UTF-8"), e.getMessage());
    }

    @Test
    void readsARegedit4FileInTheAnsiCodePageAsRegeditWritesIt() {
        // 0x80 is the euro sign in windows-1252 (a C1 control in ISO-8859-1): the code page is Windows'.
        byte[] b = "REGEDIT4\r\n\r\n[HKLM\\x]\r\n\"Name\"=\"caf\u00e9 \u20ac\"\r\n\r\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertEquals("caf\u00e9 \u20ac", stringValue(RegFile.parse(b)));
    }

    @Test
    void readsARegedit4FileThatIsValidUtf8AsUtf8() {
        byte[] b = "REGEDIT4\n[HKLM\\x]\n\"Name\"=\"caf\u00e9\"\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", stringValue(RegFile.parse(b)));
    }

    @Test
    void aFileReadFromDiskNamesItselfInParseErrors() throws IOException {
        Path f = dir.resolve("ole.reg");
        java.nio.file.Files.writeString(f, "REGEDIT4\n\n[HKLM\\x]\n\"v\"=dwrod:1\n");
        RegFileException e = assertThrows(RegFileException.class, () -> RegFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line=4: expected \"string\""), e.getMessage());
        assertEquals(4, e.line());
        assertEquals(f, e.file().orElseThrow());
        RegFileException parsed = assertThrows(RegFileException.class,
                () -> RegFile.parse(java.nio.file.Files.readAllBytes(f)));
        assertTrue(parsed.file().isEmpty());
        assertTrue(parsed.getMessage().startsWith("line=4: "), parsed.getMessage());
    }

    private static String stringValue(RegFile file) {
        return file.operations().stream().filter(o -> o instanceof RegOp.SetValue).map(o -> ((RegOp.SetValue) o).value())
                .findFirst().orElseThrow().asString();
    }
}

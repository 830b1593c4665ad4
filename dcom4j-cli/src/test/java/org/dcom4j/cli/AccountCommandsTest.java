package org.dcom4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.dcom4j.config.Account;
import org.dcom4j.config.Accounts;
import org.dcom4j.config.LocalAccounts;
import org.dcom4j.config.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user …} and {@code group …} in-process, as root (an administrator); the non-administrator case is in {@link NonAdministratorTest}. */
class AccountCommandsTest {
    @TempDir
    Path dir;

    private Cli cli;
    private final InputStream stdin = System.in;

    @BeforeEach
    void init() {
        cli = new Cli(dir);
        assertEquals(0, cli.run("config", "init").code());
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private Cli.Result withStdin(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return cli.run(args);
    }

    private String hash(String user) {
        try (Registry reg = Registry.open(dir);
             Accounts a = Accounts.open(reg, LocalAccounts.open(reg).currentUser());
             Account acc = a.find(user).orElseThrow()) {
            return HexFormat.of().formatHex(acc.ntHash());
        }
    }

    @Test
    void addsAUserFromStdinStoringOnlyTheNtHashAndListsIt() {
        Cli.Result r = withStdin("Passw0rd!\n", "user", "add", "reporter", "--password-stdin");
        assertEquals(0, r.code(), r.toString());
        assertTrue(Pattern.matches("created user reporter \\(S-1-5-21-\\d+-\\d+-\\d+-1000000000\\)\n", r.out()), r.out());
        assertEquals("fc525c9683e8fe067095ba2ddc971889", hash("reporter"));
        assertEquals(0, cli.run("group", "add-member", "Distributed COM Users", "reporter").code());
        Cli.Result list = cli.run("user", "list");
        assertEquals("user      state     password set          groups                 SID", list.outLines().get(0));
        assertTrue(list.outLines().get(1).startsWith("reporter  enabled   20"), list.out());
        assertTrue(list.outLines().get(1).contains("Z  Distributed COM Users  S-1-5-21-"), list.out());
        Cli.Result groups = cli.run("group", "list");
        assertEquals("Distributed COM Users  reporter  S-1-5-32-562", groups.outLines().get(2));
    }

    @Test
    void stripsOneLineEndingCrLfIncludedAndChangesThePassword() {
        withStdin("Passw0rd!\r\n", "user", "add", "reporter", "--password-stdin");
        assertEquals("fc525c9683e8fe067095ba2ddc971889", hash("reporter"));
        Cli.Result r = withStdin("other\nignored\n", "user", "passwd", "REPORTER", "--password-stdin");
        assertEquals("changed the password of REPORTER\n", r.out(), r.toString());
        assertTrue(!hash("reporter").equals("fc525c9683e8fe067095ba2ddc971889"));
        assertEquals(0, withStdin("Passw0rd!", "user", "passwd", "reporter", "--password-stdin").code());
        assertEquals("fc525c9683e8fe067095ba2ddc971889", hash("reporter"), "no line ending at all");
    }

    @Test
    void refusesWithOneLineAndExitTwoForBadInput() {
        withStdin("x\n", "user", "add", "reporter", "--password-stdin");
        expect(2, "dcom4j: user \"reporter\" already exists", withStdin("x\n", "user", "add", "Reporter", "--password-stdin"));
        expect(2, "dcom4j: bad user name \"a@b\": '@' is not allowed (none of \"/\\[]:;|=,+*?<>@)",
                withStdin("x\n", "user", "add", "a@b", "--password-stdin"));
        expect(2, "dcom4j: empty password refused: Windows refuses network logons with a blank password, and so does dcom4j",
                withStdin("\n", "user", "add", "empty", "--password-stdin"));
        expect(2, "dcom4j: no terminal to read the password from: pipe it in with --password-stdin",
                cli.run("user", "add", "console"));
        expect(2, "dcom4j: no such user: \"nobody\"", withStdin("x\n", "user", "passwd", "nobody", "--password-stdin"));
        expect(2, "dcom4j: no such user: \"nobody\"", cli.run("user", "del", "nobody"));
        expect(2, "dcom4j: no such group: \"Nope\"", cli.run("group", "add-member", "Nope", "reporter"));
        expect(2, "dcom4j: no such user: \"nobody\"", cli.run("group", "remove-member", "Administrators", "nobody"));
        Cli.Result none = new Cli(dir.resolve("none")).run("user", "list");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("dcom4j: no dcom4j store in "), none.err());
    }

    @Test
    void groupsAreCreatedJoinedAndLeftIdempotently() {
        withStdin("x\n", "user", "add", "reporter", "--password-stdin");
        Cli.Result add = cli.run("group", "add", "Report Operators");
        assertTrue(Pattern.matches("created group \"Report Operators\" \\(S-1-5-21-\\d+-\\d+-\\d+-1000000001\\)\n", add.out()),
                add.out());
        assertEquals("added reporter to \"Report Operators\"\n", cli.run("group", "add-member", "Report Operators", "reporter").out());
        assertEquals("reporter is already a member of \"Report Operators\"; nothing changed\n",
                cli.run("group", "add-member", "Report Operators", "reporter").out());
        assertEquals("removed reporter from \"Report Operators\"\n",
                cli.run("group", "remove-member", "Report Operators", "reporter").out());
        assertEquals("reporter is not a member of \"Report Operators\"; nothing changed\n",
                cli.run("group", "remove-member", "Report Operators", "reporter").out());
        Cli.Result del = cli.run("user", "del", "reporter");
        assertTrue(del.out().startsWith("deleted user reporter (S-1-5-21-"), del.out());
        assertEquals("no users\n", cli.run("user", "list").out());
    }

    @Test
    void aWorldReadableAccountStoreIsAnEnvironmentFailure() throws Exception {
        withStdin("x\n", "user", "add", "reporter", "--password-stdin");
        Files.setPosixFilePermissions(dir.resolve("accounts.db"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Cli.Result r = cli.run("user", "list");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().startsWith("dcom4j: refusing the account store " + dir.resolve("accounts.db").toAbsolutePath()
                + ": other users can access it"), r.err());
        assertEquals(1, r.errLines().size());
    }

    private static void expect(int code, String err, Cli.Result r) {
        assertEquals(code, r.code(), r.toString());
        assertEquals(err + "\n", r.err(), r.toString());
        assertEquals("", r.out(), r.toString());
    }
}

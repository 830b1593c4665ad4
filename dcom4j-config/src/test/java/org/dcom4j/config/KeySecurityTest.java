package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.dcom4j.security.SecurityDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySecurityTest {
    @TempDir
    Path dir;

    private static final String ROOT_SDDL = "O:BAG:SYD:PAI(A;CI;KA;;;BA)(A;CI;KA;;;SY)(A;CI;KR;;;WD)";
    private static final String INHERITED_SDDL = "O:BAG:SYD:AI(A;CIID;KA;;;BA)(A;CIID;KA;;;SY)(A;CIID;KR;;;WD)";

    @Test
    void theRootDescriptorIsTheOneDocumented() {
        assertEquals(SecurityDescriptor.fromSddl(ROOT_SDDL), KeySecurity.rootDescriptor());
        assertEquals(ROOT_SDDL, KeySecurity.rootDescriptor().toSddl());
        try (Registry r = Registry.open(dir)) {
            assertEquals(ROOT_SDDL, r.keySecurity("HKLM").toSddl());
            assertEquals(ROOT_SDDL, r.keySecurity("HKU").toSddl());
        }
    }

    @Test
    void theDcomKeysInheritFromHklm() {
        try (Registry r = Registry.open(dir)) {
            for (String k : Schema.INITIAL_KEYS) {
                assertEquals(INHERITED_SDDL, r.keySecurity(k).toSddl(), k);
            }
        }
    }

    @Test
    void aNewKeyIsOwnedByAdministratorsWhenAnAdministratorCreatesIt() {
        try (Registry r = Registry.open(dir)) {
            r.createKey(Tokens.ADMIN, "HKLM\\SOFTWARE\\Microsoft\\Ole\\New");
            assertEquals(INHERITED_SDDL, r.keySecurity("HKLM\\SOFTWARE\\Microsoft\\Ole\\New").toSddl());
        }
    }

    @Test
    void aNewKeyIsOwnedByItsCreatorOtherwise() {
        String parent = "O:BAG:SYD:P(A;CI;KA;;;BA)(A;CI;CCDCLCSWRPSDRC;;;AU)";
        SecurityDescriptor sd = KeySecurity.forNewKey(SecurityDescriptor.fromSddl(parent), Tokens.ALICE);
        assertEquals("O:" + Tokens.ALICE.user() + "G:SYD:AI(A;CIID;KA;;;BA)(A;CIID;CCDCLCSWRPSDRC;;;AU)", sd.toSddl());
    }

    @Test
    void inheritanceFollowsTheContainerRules() {
        // CI: inherited; CIIO: inherit-only cleared; NP: inheritance flags dropped; OI only: inherit-only;
        // no flags: not inherited; CREATOR OWNER with generic rights: split into effective + inherit-only.
        String parent = "O:BAG:SYD:(A;CI;KR;;;WD)(A;CIIO;KW;;;AU)(A;CINP;KA;;;SY)(A;OI;KR;;;BU)(A;;KA;;;BG)"
                + "(A;CIIO;GA;;;CO)(D;CI;SD;;;AN)";
        SecurityDescriptor child = KeySecurity.forNewKey(SecurityDescriptor.fromSddl(parent), Tokens.ALICE);
        String alice = Tokens.ALICE.user().toString();
        assertEquals("O:" + alice + "G:SYD:AI(A;CIID;KR;;;WD)(A;CIID;KW;;;AU)(A;ID;KA;;;SY)(A;OIIOID;KR;;;BU)"
                + "(A;ID;KA;;;" + alice + ")(A;CIIOID;GA;;;CO)(D;CIID;SD;;;AN)", child.toSddl());
        // Grandchild: NP ACE gone, OI-only ACE passes on again, CREATOR OWNER resolves to the new creator.
        SecurityDescriptor grandchild = KeySecurity.forNewKey(child, Tokens.ADMIN);
        assertEquals("O:BAG:SYD:AI(A;CIID;KR;;;WD)(A;CIID;KW;;;AU)(A;OIIOID;KR;;;BU)(A;ID;KA;;;BA)"
                + "(A;CIIOID;GA;;;CO)(D;CIID;SD;;;AN)", grandchild.toSddl());
    }

    @Test
    void nothingInheritableGivesTheDefaultDacl() {
        SecurityDescriptor sd = KeySecurity.forNewKey(SecurityDescriptor.fromSddl("O:BAG:SYD:(A;;KA;;;BA)"), Tokens.ALICE);
        assertEquals("O:" + Tokens.ALICE.user() + "G:SYD:(A;;KA;;;" + Tokens.ALICE.user() + ")(A;;KA;;;SY)", sd.toSddl());
    }

    @Test
    void settingSecurityReinheritsAndPropagates() {
        try (Registry r = Registry.open(dir)) {
            String k = "HKLM\\SOFTWARE\\Contoso";
            r.createKey(Tokens.ADMIN, k + "\\Child\\Grandchild");
            r.createKey(Tokens.ADMIN, k + "\\Protected");
            r.setKeySecurity(Tokens.ADMIN, k + "\\Protected", SecurityDescriptor.fromSddl("D:P(A;CI;KA;;;BA)"));
            // An explicit ACE granting alice write on Contoso and below.
            r.setKeySecurity(Tokens.ADMIN, k, SecurityDescriptor.fromSddl("D:(A;CI;KW;;;" + Tokens.ALICE.user() + ")"));
            String alice = Tokens.ALICE.user().toString();
            assertEquals("O:BAG:SYD:AI(A;CI;KW;;;" + alice + ")" + INHERITED_SDDL.substring(INHERITED_SDDL.indexOf("(")),
                    r.keySecurity(k).toSddl());
            String inherited = "O:BAG:SYD:AI(A;CIID;KW;;;" + alice + ")(A;CIID;KA;;;BA)(A;CIID;KA;;;SY)(A;CIID;KR;;;WD)";
            assertEquals(inherited, r.keySecurity(k + "\\Child").toSddl());
            assertEquals(inherited, r.keySecurity(k + "\\Child\\Grandchild").toSddl());
            assertEquals("O:BAG:SYD:P(A;CI;KA;;;BA)", r.keySecurity(k + "\\Protected").toSddl());
            // So alice may now write there, and still not in the protected key.
            r.set(Tokens.ALICE, k + "\\Child\\Grandchild", RegValue.dword("v", 1));
            assertThrows(AccessDeniedException.class, () -> r.set(Tokens.ALICE, k + "\\Protected", RegValue.dword("v", 1)));
        }
    }
}

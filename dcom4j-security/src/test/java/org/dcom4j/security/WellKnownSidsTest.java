package org.dcom4j.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SDDL SID aliases against MS-DTYP 2.5.1.1 (sid-token) and the aliases of Windows' sddl.h, with
 * the SIDs of MS-DTYP 2.4.2.4 (well-known SID structures).
 */
class WellKnownSidsTest {
    /** Every fixed-SID alias of MS-DTYP 2.5.1.1 plus AS and SS from sddl.h, written out independently. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        String[] table = {
            "WD", "S-1-1-0", "CO", "S-1-3-0", "CG", "S-1-3-1", "OW", "S-1-3-4",
            "NU", "S-1-5-2", "IU", "S-1-5-4", "SU", "S-1-5-6", "AN", "S-1-5-7", "ED", "S-1-5-9",
            "PS", "S-1-5-10", "AU", "S-1-5-11", "RC", "S-1-5-12", "SY", "S-1-5-18", "LS", "S-1-5-19",
            "NS", "S-1-5-20", "WR", "S-1-5-33",
            "BA", "S-1-5-32-544", "BU", "S-1-5-32-545", "BG", "S-1-5-32-546", "PU", "S-1-5-32-547",
            "AO", "S-1-5-32-548", "SO", "S-1-5-32-549", "PO", "S-1-5-32-550", "BO", "S-1-5-32-551",
            "RE", "S-1-5-32-552", "RU", "S-1-5-32-554", "RD", "S-1-5-32-555", "NO", "S-1-5-32-556",
            "MU", "S-1-5-32-558", "LU", "S-1-5-32-559", "IS", "S-1-5-32-568", "CY", "S-1-5-32-569",
            "ER", "S-1-5-32-573", "CD", "S-1-5-32-574", "RA", "S-1-5-32-575", "ES", "S-1-5-32-576",
            "MS", "S-1-5-32-577", "HA", "S-1-5-32-578", "AA", "S-1-5-32-579", "RM", "S-1-5-32-580",
            "UD", "S-1-5-84-0-0-0-0-0", "AC", "S-1-15-2-1",
            "LW", "S-1-16-4096", "ME", "S-1-16-8192", "MP", "S-1-16-8448", "HI", "S-1-16-12288", "SI", "S-1-16-16384",
            "AS", "S-1-18-1", "SS", "S-1-18-2",
        };
        for (int i = 0; i < table.length; i += 2) {
            EXPECTED.put(table[i], table[i + 1]);
        }
    }

    /** Aliases that name a SID only relative to a machine, domain or forest (MS-DTYP 2.5.1.1, sddl.h). */
    private static final Set<String> RELATIVE = Set.of(
            "DA", "DG", "DU", "DD", "DC", "LA", "LG", "SA", "CA", "RS", "EA", "PA", "RO", "CN", "AP", "KA", "EK");

    @Test
    void aliasTableMatchesTheSpecification() {
        Map<String, String> actual = new LinkedHashMap<>();
        WellKnownSids.aliases().forEach((alias, sid) -> actual.put(alias, sid.toString()));
        assertEquals(EXPECTED, actual);
    }

    @Test
    void everyAliasParsesAndPrintsBack() {
        for (Map.Entry<String, Sid> e : WellKnownSids.aliases().entrySet()) {
            assertEquals(e.getValue(), WellKnownSids.parse(e.getKey()));
            assertEquals(e.getKey(), Sddl.formatSid(e.getValue()));
            assertEquals(e.getKey(), WellKnownSids.alias(e.getValue()).orElseThrow());
        }
    }

    @Test
    void noTwoAliasesNameTheSameSid() {
        Set<Sid> seen = new HashSet<>();
        for (Sid sid : WellKnownSids.aliases().values()) {
            assertTrue(seen.add(sid), "duplicate " + sid);
        }
    }

    @Test
    void refusesEveryDomainRelativeAlias() {
        for (String alias : RELATIVE) {
            SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> WellKnownSids.parse(alias));
            assertTrue(e.getMessage().contains("\"" + alias + "\" is relative to a domain"), e.getMessage());
            assertFalse(WellKnownSids.aliases().containsKey(alias));
        }
    }

    @Test
    void distributedComUsersHasNoAliasAndPrintsAsItsSid() {
        assertEquals("S-1-5-32-562", Sddl.formatSid(WellKnownSids.DISTRIBUTED_COM_USERS));
        assertEquals("BUILTIN\\Distributed COM Users (S-1-5-32-562)", WellKnownSids.describe(WellKnownSids.DISTRIBUTED_COM_USERS));
    }

    @Test
    void refusesUnknownTwoLetterAlias() {
        SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> WellKnownSids.parse("QQ"));
        assertTrue(e.getMessage().contains("unknown SID alias \"QQ\""), e.getMessage());
    }

    @Test
    void aliasesAreCaseSensitive() {
        assertThrows(SecurityFormatException.class, () -> WellKnownSids.parse("ba"));
    }

    @Test
    void looksUpNamesAsAdministratorsTypeThem() {
        assertEquals(WellKnownSids.DISTRIBUTED_COM_USERS, WellKnownSids.lookupName("distributed com users").orElseThrow());
        assertEquals(WellKnownSids.ANONYMOUS, WellKnownSids.lookupName("NT AUTHORITY\\ANONYMOUS LOGON").orElseThrow());
        assertEquals(WellKnownSids.EVERYONE, WellKnownSids.lookupName("WD").orElseThrow());
    }
}

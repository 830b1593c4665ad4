package org.dcom4j.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The three message codecs: round trips, the layout of what we send, and refusal of bad bytes. */
class NtlmMessagesTest {
    private static String malformed(Executable e) {
        NtlmException x = assertThrows(NtlmException.class, e);
        assertEquals(NtlmException.Reason.MALFORMED, x.reason(), x.getMessage());
        return x.getMessage();
    }

    private static Fixtures.Pair handshake() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        p.authenticateMessage();
        return p;
    }

    @Test
    void reencodesEachMessageOfAHandshakeToTheSameBytes() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        byte[] auth = p.authenticateMessage();
        assertArrayEquals(p.negotiate, NegotiateMessage.decode(p.negotiate).encode());
        assertArrayEquals(p.challenge, ChallengeMessage.decode(p.challenge).encode());
        assertArrayEquals(auth, AuthenticateMessage.decode(auth).encode());
    }

    @Test
    void challengeCarriesTheAvPairsInWindowsOrderAndTheVersion() throws NtlmException {
        ChallengeMessage c = ChallengeMessage.decode(handshake().challenge);
        assertEquals(List.of(2, 1, 4, 3, 7), c.targetInfo().stream().map(AvPair::id).toList());
        assertEquals("SERVER", c.targetName());
        assertArrayEquals(new byte[] {10, 0, 0x4C, 0x4F, 0, 0, 0, 15}, c.version());
        assertEquals(Filetime.of(Fixtures.CLOCK.instant()), NtlmWire.u64(AvPair.find(c.targetInfo(), 7).value(), 0));
        assertTrue(NtlmFlags.has(c.flags(), NtlmFlags.TARGET_TYPE_SERVER | NtlmFlags.NEGOTIATE_TARGET_INFO));
        assertFalse(NtlmFlags.has(c.flags(), NtlmFlags.NEGOTIATE_OEM));
    }

    @Test
    void announcesTheDnsComputerNameWhenTheDnsDomainIsEmpty() throws NtlmException {
        NtlmServerConfig cfg = new NtlmServerConfig("HOST", "WORKGROUP", "host", "", Clock.systemUTC());
        byte[] challenge = new NtlmServer(cfg, Fixtures.STORE, new ChallengeLedger())
                .challenge(new NtlmClient(Fixtures.alice(), "W", new ChallengeLedger()).negotiate());
        AvPair dnsDomain = AvPair.find(ChallengeMessage.decode(challenge).targetInfo(), AvPair.MSV_AV_DNS_DOMAIN_NAME);
        assertEquals("host", new String(dnsDomain.value(), StandardCharsets.UTF_16LE));
    }

    @Test
    void derivesLocalNamesFromTheHostName() {
        NtlmServerConfig c = NtlmServerConfig.forHostName("a-very-long-host-name.corp.example", Clock.systemUTC());
        assertEquals("A-VERY-LONG-HOS", c.netbiosComputerName());
        assertEquals("WORKGROUP", c.netbiosDomainName());
        assertEquals("a-very-long-host-name.corp.example", c.dnsComputerName());
        assertEquals("corp.example", c.dnsDomainName());
        assertEquals("box", NtlmServerConfig.forHostName("box", Clock.systemUTC()).dnsDomainName());
        NtlmServerConfig.forLocalHost();
    }

    @Test
    void answersAnOemClientInOem() throws NtlmException {
        byte[] neg = new NegotiateMessage(NtlmFlags.NEGOTIATE_OEM | NtlmFlags.NEGOTIATE_NTLM, "", "", new byte[0]).encode();
        ChallengeMessage c = ChallengeMessage.decode(new NtlmServer(Fixtures.CONFIG, Fixtures.STORE, new ChallengeLedger()).challenge(neg));
        assertTrue(NtlmFlags.has(c.flags(), NtlmFlags.NEGOTIATE_OEM));
        assertFalse(NtlmFlags.has(c.flags(), NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.NEGOTIATE_VERSION));
        assertEquals("SERVER", c.targetName());
    }

    @Test
    void acceptsTheSixteenByteNegotiateOfOldClients() throws NtlmException {
        byte[] full = new NegotiateMessage(NtlmFlags.NEGOTIATE_UNICODE, "", "", new byte[0]).encode();
        assertEquals(NtlmFlags.NEGOTIATE_UNICODE, NegotiateMessage.decode(Arrays.copyOf(full, 16)).flags());
    }

    @Test
    void readsOemDomainAndWorkstationWhenSupplied() throws NtlmException {
        int flags = NtlmFlags.NEGOTIATE_OEM_DOMAIN_SUPPLIED | NtlmFlags.NEGOTIATE_OEM_WORKSTATION_SUPPLIED;
        NegotiateMessage n = NegotiateMessage.decode(new NegotiateMessage(flags, "DOM", "WKS", new byte[0]).encode());
        assertEquals("DOM", n.domain());
        assertEquals("WKS", n.workstation());
    }

    @Test
    void refusesTruncatedMessages() throws NtlmException {
        Fixtures.Pair p = handshake();
        malformed(() -> NegotiateMessage.decode(Arrays.copyOf(p.negotiate, 15)));
        malformed(() -> ChallengeMessage.decode(Arrays.copyOf(p.challenge, 31)));
        malformed(() -> ChallengeMessage.decode(Arrays.copyOf(p.challenge, 40)));
        malformed(() -> ChallengeMessage.decode(Arrays.copyOf(p.challenge, p.challenge.length - 1)));
        malformed(() -> AuthenticateMessage.decode(new byte[0]));
        malformed(() -> NegotiateMessage.decode(null));
    }

    @Test
    void refusesMessagesLongerThan64KiB() throws NtlmException {
        byte[] big = Arrays.copyOf(handshake().challenge, NtlmWire.MAX_MESSAGE + 1);
        assertTrue(malformed(() -> ChallengeMessage.decode(big)).contains("limit=65536"));
    }

    @Test
    void refusesGarbage() {
        byte[] garbage = "this is not an NTLMSSP message at all, not even close......".repeat(2).getBytes(StandardCharsets.US_ASCII);
        malformed(() -> NegotiateMessage.decode(garbage));
        malformed(() -> ChallengeMessage.decode(garbage));
        malformed(() -> AuthenticateMessage.decode(garbage));
    }

    @Test
    void refusesAWrongMessageTypeAsUnexpected() throws NtlmException {
        byte[] neg = handshake().negotiate;
        assertEquals(NtlmException.Reason.UNEXPECTED_MESSAGE, assertThrows(NtlmException.class, () -> ChallengeMessage.decode(neg)).reason());
    }

    @Test
    void refusesAnOffsetPointingOutsideTheMessage() throws NtlmException {
        Fixtures.Pair p = handshake();
        byte[] auth = new Fixtures.Pair(Fixtures.alice()).authenticateMessage();
        byte[] farOffset = auth.clone();
        NtlmWire.put32(farOffset, 20 + 4, 0xFFFFFFF0); // NtChallengeResponse BufferOffset near 2^32
        assertTrue(malformed(() -> AuthenticateMessage.decode(farOffset)).contains("NtChallengeResponse outside message"));
        byte[] longLen = auth.clone();
        NtlmWire.put16(longLen, 36, 0xFFFF); // UserName Len
        malformed(() -> AuthenticateMessage.decode(longLen));
        byte[] info = p.challenge.clone();
        NtlmWire.put16(info, 40, info.length); // TargetInfo Len past the end
        malformed(() -> ChallengeMessage.decode(info));
    }

    @Test
    void refusesOddLengthUtf16Strings() throws NtlmException {
        byte[] auth = new Fixtures.Pair(Fixtures.alice()).authenticateMessage();
        NtlmWire.put16(auth, 36, NtlmWire.u16(auth, 36) - 1);
        assertTrue(malformed(() -> AuthenticateMessage.decode(auth)).contains("UserName is not UTF-16LE"));
    }

    @Test
    void refusesAHugeAvPairCount() {
        List<AvPair> many = new ArrayList<>();
        for (int i = 0; i < AvPair.MAX_PAIRS + 1; i++) {
            many.add(new AvPair(100 + i, new byte[0]));
        }
        byte[] list = AvPair.encodeList(many);
        assertTrue(malformed(() -> AvPair.decodeList(list, 0, list.length, "TargetInfo")).contains("limit=64"));
        ChallengeMessage c = new ChallengeMessage(NtlmFlags.NEGOTIATE_UNICODE | NtlmFlags.NEGOTIATE_TARGET_INFO, "S", new byte[8], many, new byte[0]);
        malformed(() -> ChallengeMessage.decode(c.encode()));
    }

    @Test
    void refusesAnUnterminatedOrOverlongOrDuplicatedAvPairList() {
        byte[] unterminated = Arrays.copyOf(AvPair.encodeList(List.of(new AvPair(1, new byte[2]))), 6);
        malformed(() -> AvPair.decodeList(unterminated, 0, unterminated.length, "TargetInfo"));
        byte[] overlong = AvPair.encodeList(List.of(new AvPair(1, new byte[2])));
        NtlmWire.put16(overlong, 2, 200);
        malformed(() -> AvPair.decodeList(overlong, 0, overlong.length, "TargetInfo"));
        byte[] dup = AvPair.encodeList(List.of(new AvPair(1, new byte[2]), new AvPair(1, new byte[2])));
        malformed(() -> AvPair.decodeList(dup, 0, dup.length, "TargetInfo"));
    }

    @Test
    void refusesABadAvPairListInsideTheNtlmv2Response() throws NtlmException {
        Fixtures.Pair p = new Fixtures.Pair(Fixtures.alice());
        AuthenticateMessage a = AuthenticateMessage.decode(p.authenticateMessage());
        byte[] nt = Arrays.copyOf(a.ntChallengeResponse(), NtlmServer.MIN_NTLMV2_RESPONSE + 2);
        byte[] raw = new AuthenticateMessage(a.flags(), a.lmChallengeResponse(), nt, a.domain(), a.user(), a.workstation(),
                a.encryptedRandomSessionKey(), a.version(), a.mic()).encode();
        malformed(() -> p.server.authenticate(raw));
    }

    @Test
    void upperCasesUserNamesOneCharacterForOne() {
        assertEquals("STRASSE", NtlmServer.upper("strasse"));
        assertEquals("STRAßE", NtlmServer.upper("straße"));
        assertEquals("ÅSA", NtlmServer.upper("åsa"));
    }

    @Test
    void credentialsNeverPrintTheHash() {
        NtlmCredentials c = Fixtures.alice();
        String hex = java.util.HexFormat.of().formatHex(c.ntHash());
        assertFalse(c.toString().contains(hex), c.toString());
        assertFalse(c.toString().toLowerCase().contains(hex.substring(0, 8)));
        assertFalse(Fixtures.ACCOUNTS.get("alice").toString().contains(hex));
    }
}

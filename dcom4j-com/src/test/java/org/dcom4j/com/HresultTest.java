package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HresultTest {
    @Test
    void namesKnownValuesAndFormatsUnknownOnes() {
        assertEquals("E_NOINTERFACE", Hresult.name(0x80004002));
        assertEquals("E_ACCESSDENIED", Hresult.name(0x80070005));
        assertEquals("RPC_E_INVALID_OBJECT", Hresult.name(0x80010114));
        assertEquals("OR_INVALID_OXID", Hresult.name(0x80070776));
        assertEquals("S_OK", Hresult.name(0));
        assertEquals("0x8BADF00D", Hresult.name(0x8BADF00D));
    }

    @Test
    void failureIsTheSeverityBit() {
        assertTrue(Hresult.isFailure(Hresult.E_FAIL));
        assertFalse(Hresult.isFailure(Hresult.S_FALSE));
    }

    @Test
    void wrapsWin32CodesInFacility7() {
        assertEquals(Hresult.OR_INVALID_OXID, Hresult.fromWin32(Hresult.WIN32_OR_INVALID_OXID));
        assertEquals(Hresult.RPC_S_SERVER_UNAVAILABLE, Hresult.fromWin32(1722));
        assertEquals(Hresult.E_ACCESSDENIED, Hresult.fromWin32(5));
        assertEquals(0, Hresult.fromWin32(0));
        assertEquals(Hresult.E_FAIL, Hresult.fromWin32(Hresult.E_FAIL));
    }

    @Test
    void comExceptionCarriesTheHresultAndItsName() {
        ComException e = new ComException(Hresult.REGDB_E_CLASSNOTREG, "no class");
        assertEquals(Hresult.REGDB_E_CLASSNOTREG, e.hresult());
        assertEquals("REGDB_E_CLASSNOTREG: no class", e.getMessage());
    }
}

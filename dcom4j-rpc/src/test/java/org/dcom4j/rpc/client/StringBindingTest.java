package org.dcom4j.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StringBindingTest {
    @Test
    void shouldParseATcpBindingWithPort() {
        StringBinding b = StringBinding.parse("ncacn_ip_tcp:10.0.0.5[49152]");
        assertEquals(StringBinding.of("ncacn_ip_tcp", "10.0.0.5", "49152"), b);
        assertNull(b.object());
        assertTrue(b.options().isEmpty());
    }

    @Test
    void shouldParseATcpBindingWithoutEndpointAsNeedingResolution() {
        StringBinding b = StringBinding.parse("ncacn_ip_tcp:server.example");
        assertEquals("server.example", b.networkAddress());
        assertNull(b.endpoint());
        assertEquals(b, StringBinding.parse("ncacn_ip_tcp:server.example[]"));
        assertEquals("ncacn_ip_tcp:server.example[135]", b.withEndpoint("135").toString());
    }

    @Test
    void shouldParseAnNcalrpcNameWithoutAddress() {
        StringBinding b = StringBinding.parse("ncalrpc:[epmapper]");
        assertEquals("ncalrpc", b.protocolSequence());
        assertEquals("", b.networkAddress());
        assertEquals("epmapper", b.endpoint());
    }

    @Test
    void shouldParseTheObjectUuidAndOptions() {
        StringBinding b = StringBinding.parse("3BAEB06B-AE30-4A06-932C-4EC77578E619@ncacn_ip_tcp:host[135,security=x,opt=]");
        assertEquals(UUID.fromString("3baeb06b-ae30-4a06-932c-4ec77578e619"), b.object());
        assertEquals("135", b.endpoint());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("security", "x");
        expected.put("opt", "");
        assertEquals(expected, b.options());
        assertEquals("3baeb06b-ae30-4a06-932c-4ec77578e619@ncacn_ip_tcp:host[135,security=x,opt=]", b.toString());
    }

    @Test
    void shouldTakeTheEndpointFromAnEndpointOption() {
        assertEquals("1024", StringBinding.parse("ncacn_ip_tcp:h[endpoint=1024]").endpoint());
        assertEquals("ncacn_ip_tcp:h[,a=b]", StringBinding.parse("ncacn_ip_tcp:h[,a=b]").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncacn_ip_tcp:127.0.0.1[135]", "ncacn_ip_tcp:host", "ncalrpc:[epmapper]", "ncalrpc:",
        "11111111-2222-3333-4444-555555555555@ncalrpc:[x.y-z_1]", "ncacn_ip_tcp:h[1,k=v,k2=v2]"})
    void shouldPrintWhatItParses(String text) {
        assertEquals(text, StringBinding.parse(text).toString());
        assertEquals(StringBinding.parse(text), StringBinding.parse(StringBinding.parse(text).toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ncacn_ip_tcp                       | 12 | expected ':'",
        "NCACN_IP_TCP:host                  | 0  | expected a protocol sequence",
        ":host[1]                           | 0  | expected a protocol sequence",
        "1234@ncalrpc:[x]                   | 0  | object UUID",
        "ncacn_ip_tcp:host[135              | 21 | expected ']'",
        "ncacn_ip_tcp:host[135]x            | 22 | unexpected text after ']'",
        "ncacn_ip_tcp:ho st[1]              | 15 | unexpected character ' '",
        "ncacn_ip_tcp:host[1,novalue]       | 20 | expected option=value",
        "ncacn_ip_tcp:host[1,=v]            | 20 | expected option=value",
        "ncacn_ip_tcp:host[1,a=b,a=c]       | 24 | option given twice",
        "ncacn_ip_tcp:host[1]]              | 20 | unexpected text after ']'",
        "ncacn_ip_tcp:h[a@b]                | 16 | unexpected character '@'",
    })
    void shouldReportThePositionOfAnError(String text, int position, String problem) {
        StringBindingException e = assertThrows(StringBindingException.class, () -> StringBinding.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("position " + position), e.getMessage());
    }

    @Test
    void shouldRefuseReservedCharactersWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> StringBinding.of("ncalrpc", "", "a]b"));
        assertThrows(IllegalArgumentException.class, () -> StringBinding.of("ncalrpc", "", ""));
        assertThrows(IllegalArgumentException.class, () -> StringBinding.of("Bad", "", "x"));
    }
}

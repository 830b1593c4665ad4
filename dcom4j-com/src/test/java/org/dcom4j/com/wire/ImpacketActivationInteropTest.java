package org.dcom4j.com.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dcom4j.com.Iids;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our activation blobs parsed by impacket 0.10.0 the way its client (RemoteCreateInstance) and the
 * interop mock server parse them. Skipped without /usr/bin/python3 and impacket.
 */
@Tag("interop")
class ImpacketActivationInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void impacketClientReadsOurActivationReply() throws Exception {
        UUID remUnknown = UUID.randomUUID();
        ActivationPropertiesOut out = ActivationPropertiesOut.of(List.of(Iids.IID_IDispatch), new int[] {0},
                List.of(Vectors.hex("objref_standard")), 4242L, ObjRefCodecTest.DSA, remUnknown, 2, Orpc.ComVersion.V5_7);
        String r = parse("out", ActivationProperties.encodeOut(out));
        assertTrue(r.contains("oxid=4242\n"), r);
        assertTrue(r.contains("ipidRemUnknown=" + remUnknown + "\n"), r);
        assertTrue(r.contains("authnHint=2\n"), r);
        assertTrue(r.contains("wNumEntries=22\n"), r);
        assertTrue(r.contains("oid=" + 0x0102030405060708L + "\n"), r);
    }

    @Test
    void mockServerReadsOurActivationRequest() throws Exception {
        UUID clsid = UUID.randomUUID();
        ActivationPropertiesIn in = ActivationPropertiesIn.of(clsid, List.of(Iids.IID_IDispatch, Iids.IID_IUnknown), "host", 2,
                new short[] {7});
        String r = parse("in", ActivationProperties.encodeIn(in));
        assertTrue(r.contains("clsid=" + clsid + "\n"), r);
        assertTrue(r.contains("iids=" + Iids.IID_IDispatch + "," + Iids.IID_IUnknown + "\n"), r);
        assertTrue(r.contains("thisSize=" + in.instantiationInfo().thisSize() + "\n"), r);
    }

    private String parse(String kind, byte[] objref) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Path script = dir.resolve("parse_actprops.py");
        try (var s = getClass().getResourceAsStream("/interop/parse_actprops.py")) {
            Files.write(script, s.readAllBytes());
        }
        Path data = dir.resolve("blob.bin");
        Files.write(data, objref);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), kind, data.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Assumptions.assumeFalse(text.contains("No module named 'impacket'"), "python3 cannot import impacket");
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}

package org.dcom4j.com.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.wire.StdObjRef;
import org.junit.jupiter.api.Test;

/** {@link ExportTable#mayUse}'s lock-free owner snapshot follows every change of the reference counts. */
class ExportTableOwnersTest {
    private static final String ALICE = "S-1-5-21-1-2-3-1001";
    private static final String BOB = "S-1-5-21-1-2-3-1002";
    private static final UUID IID_A = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID IID_B = UUID.fromString("22222222-2222-2222-2222-222222222222");

    @Test
    void aPrincipalMayUseTheObjectExactlyWhileItHoldsAReferenceOnOneOfItsIpids() {
        ExportTable t = new ExportTable();
        Object impl = new Object();
        StdObjRef a = t.export(impl, IID_A, 2, ALICE);
        ExportTable.Ipid ipidA = t.find(a.ipid());
        assertTrue(t.mayUse(ipidA, ALICE));
        assertFalse(t.mayUse(ipidA, BOB), "bob holds nothing");

        StdObjRef b = t.export(impl, IID_B, 1, BOB); // bob's reference on the other IPID of the same object
        assertTrue(t.mayUse(ipidA, BOB), "a reference on any IPID of the object");

        assertTrue(t.release(b.ipid(), 1, 0, BOB));
        assertFalse(t.mayUse(ipidA, BOB), "released: the snapshot was replaced");
        assertEquals(Hresult.S_OK, t.addRef(b.ipid(), 1, 0, BOB));
        assertTrue(t.mayUse(ipidA, BOB), "RemAddRef counts too");

        assertTrue(t.release(b.ipid(), 1, 0, BOB));
        assertTrue(t.release(a.ipid(), 2, 0, ALICE));
        assertFalse(t.mayUse(ipidA, ALICE), "the object is freed");
        assertEquals(0, t.objectCount());
    }

    @Test
    void unboundReferencesAdmitEveryPrincipalUntilTheyGo() {
        ExportTable t = new ExportTable();
        Object impl = new Object();
        StdObjRef unbound = t.export(impl, IID_A, 1);
        t.export(impl, IID_B, 1, ALICE);
        ExportTable.Ipid e = t.find(unbound.ipid());
        assertTrue(t.mayUse(e, BOB));
        assertTrue(t.release(unbound.ipid(), 1, 0));
        assertFalse(t.mayUse(e, BOB));
        assertTrue(t.mayUse(e, ALICE));
    }
}

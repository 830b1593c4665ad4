package org.dcom4j.rpc.epm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dcom4j.ndr.ContextHandle;
import org.dcom4j.rpc.InterfaceId;
import org.dcom4j.rpc.RpcHandler;
import org.dcom4j.rpc.epm.Epm.EptLookupRequest;
import org.dcom4j.rpc.epm.Epm.EptLookupResponse;
import org.junit.jupiter.api.Test;

class EndpointMapperConcurrencyTest {
    @Test
    void lookupsSeeWholeSnapshotsWhileRegistrationsChange() throws Exception {
        EndpointMapper mapper = new EndpointMapper();
        InterfaceId fixed = new InterfaceId(UUID.randomUUID(), 1, 0);
        mapper.register(fixed, null, Tower.tcp(fixed, 1, new byte[4]), "fixed");
        RpcHandler h = mapper.rpcInterface().handler();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(6);
        for (int w = 0; w < 2; w++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        InterfaceId id = new InterfaceId(UUID.randomUUID(), 1, 0);
                        Tower t = Tower.tcp(id, i, new byte[4]);
                        mapper.register(id, null, t, "");
                        assertTrue(mapper.unregister(id, null, t));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        for (int r = 0; r < 4; r++) {
            int group = r;
            Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        EptLookupResponse resp = Calls.call(h, Calls.remote(group), Epm.EPT_LOOKUP,
                                new EptLookupRequest(Epm.RPC_C_EP_MATCH_BY_IF, null, Epm.RpcIfId.of(fixed), Epm.RPC_C_VERS_ALL,
                                        ContextHandle.NULL, 500), EptLookupResponse.class);
                        assertEquals(List.of("fixed"), resp.entries().stream().map(Epm.EptEntry::annotation).toList());
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(300);
        stop.set(true);
        done.await();
        assertTrue(errors.isEmpty(), () -> errors.peek().toString());
        assertEquals(1, mapper.entries().size());
    }
}

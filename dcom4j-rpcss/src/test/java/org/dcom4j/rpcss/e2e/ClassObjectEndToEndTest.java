package org.dcom4j.rpcss.e2e;

import static org.dcom4j.rpcss.e2e.E2eFixture.EVERYONE_ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcom4j.com.ClassFactory;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.ComServer;
import org.dcom4j.com.Hresult;
import org.dcom4j.com.IClassFactory;
import org.dcom4j.com.Iids;
import org.dcom4j.com.Out;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.com.wire.Orpc;
import org.dcom4j.config.Registry;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpcss.Rpcss;
import org.dcom4j.rpcss.ServerLauncher;
import org.dcom4j.samples.calculator.CalculatorIds;
import org.dcom4j.samples.calculator.ICalculator;
import org.dcom4j.security.DcomProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 item 3, IRemoteSCMActivator::RemoteGetClassObject against the real Calculator server: the
 * class object (IClassFactory) through rpcss, several instances from it, the Activate and Launch checks
 * of an activation, E_NOINTERFACE at both levels, and the class object's references bound to its caller.
 */
class ClassObjectEndToEndTest {
    @TempDir
    Path tmp;
    E2eFixture f;

    @BeforeEach
    void store() {
        f = new E2eFixture(tmp);
        f.store(DcomProfile.WS2003SP1, EVERYONE_ALL);
    }

    private static Activator remote(Rpcss rpcss, String user) {
        return Activator.remote("127.0.0.1", rpcss.endpointMapperPort(), E2eFixture.ntlm(user, AuthLevel.PKT_INTEGRITY));
    }

    @Test
    void aRemoteClientGetsTheClassObjectThroughRpcssAndCreatesTwoCalculatorsFromIt() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ClassFactory factory = Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "dave"));
            assertEquals(Iids.IID_IClassFactory, ((ComProxy) factory.proxy()).objRef().iid());
            ICalculator a = factory.createInstance(ICalculator.class);
            ICalculator b = factory.createInstance(ICalculator.class);
            assertEquals(5, a.add(2, 3));
            assertEquals(-1, b.add(3, -4));
            assertNotEquals(((ComProxy) a).objRef().std().oid(), ((ComProxy) b).objRef().std().oid(), "two objects");
            assertEquals(3, srv.exportedObjects(), "the class object and two calculators");
            factory.lockServer(true);
            factory.lockServer(false);
            factory.release();
            assertEquals(2, srv.exportedObjects(), "released, the class object goes; its instances stay");
            assertEquals(9, a.add(4, 5));
        }
    }

    @Test
    void aLocalClientGetsTheClassObjectOverNcalrpcAndTheSameClassObjectServesTwoActivations() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = f.localClient()) {
            ClassFactory first = Com.getClassObject(client, CalculatorIds.CLSID, Activator.local(f.run()));
            ClassFactory second = Com.getClassObject(client, CalculatorIds.CLSID, Activator.local(f.run()));
            assertEquals(((ComProxy) first.proxy()).objRef().std().oid(), ((ComProxy) second.proxy()).objRef().std().oid(),
                    "one class object per class");
            assertEquals(7, second.createInstance(ICalculator.class).add(3, 4));
        }
    }

    @Test
    void getClassObjectIsRefusedEAccessDeniedToAUserOutsideTheActivatePermissions() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("erin", AuthLevel.PKT_INTEGRITY)) {
            ComException e = assertThrows(ComException.class, () -> Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "erin")));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), Hresult.name(e.hresult()));
            assertEquals(0, srv.exportedObjects(), "nothing was handed out");
            f.addToDcomUsers("erin");
            assertEquals(5, Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "erin")).createInstance(ICalculator.class).add(2, 3),
                    "in Distributed COM Users (WS2003 SP1's machine limit), erin may");
        }
    }

    @Test
    void getClassObjectChecksLaunchOnlyWhenTheServerMustBeStartedAndThenLaunchesIt() throws Exception {
        f.store(DcomProfile.WS2003SP1, LaunchPolicyEndToEndTest.ACTIVATE_ONLY);
        AtomicInteger launches = new AtomicInteger();
        List<ComServer> launched = new ArrayList<>();
        try (Registry reg = Registry.open(f.state())) {
            ServerLauncher inProcess = clsid -> {
                launches.incrementAndGet();
                try {
                    launched.add(f.startCalculator(reg));
                } catch (java.io.IOException e) {
                    return new ServerLauncher.Result(0, "", Hresult.CO_E_SERVER_EXEC_FAILURE);
                }
                return new ServerLauncher.Result((int) ProcessHandle.current().pid(), "test", Hresult.S_OK);
            };
            try (Rpcss rpcss = f.startRpcss(E2eFixture.shortTimeouts().withLauncher(inProcess).withLaunchTimeout(java.time.Duration.ofSeconds(5)));
                 ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
                ComException e = assertThrows(ComException.class, () -> Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "dave")));
                assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), "no launch right, not running: " + Hresult.name(e.hresult()));
                assertEquals(0, launches.get(), "the launcher is not asked for a caller without the launch right");

                org.dcom4j.config.DcomConfig.registerApplication(reg, E2eFixture.ADMIN, CalculatorIds.APPID, CalculatorIds.NAME, EVERYONE_ALL, null);
                ClassFactory factory = Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "dave"));
                assertEquals(1, launches.get(), "with the launch right and nothing running, the launcher is asked");
                assertEquals(5, factory.createInstance(ICalculator.class).add(2, 3));
                Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "dave"));
                assertEquals(1, launches.get(), "running: no second launch");
            } finally {
                launched.forEach(ComServer::close);
            }
        }
    }

    @Test
    void anUnsupportedIidGivesENoInterfaceFromRpcssAndFromTheClassObject() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient client = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY)) {
            ComException atScm = assertThrows(ComException.class, () -> remote(rpcss, "dave").getClassObject(CalculatorIds.CLSID,
                    CalculatorIds.IID_ICALCULATOR));
            assertEquals(Hresult.E_NOINTERFACE, atScm.hresult(), "a class object answers IClassFactory, not ICalculator: "
                    + Hresult.name(atScm.hresult()));
            ClassFactory factory = Com.getClassObject(client, CalculatorIds.CLSID, remote(rpcss, "dave"));
            ComException created = assertThrows(ComException.class, () -> factory.createInstance(IClassFactory.class));
            assertEquals(Hresult.E_NOINTERFACE, created.hresult(), "a Calculator is no IClassFactory: " + Hresult.name(created.hresult()));
            assertEquals(1, srv.exportedObjects(), "only the class object: nothing stays exported for a refused IID");
        }
    }

    @Test
    void theClassObjectsReferencesBelongToItsCallerAnotherAccountIsRefused() throws Exception {
        try (Rpcss rpcss = f.startRpcss(); Registry reg = Registry.open(f.state()); ComServer srv = f.startCalculator(reg);
             ComClient dave = E2eFixture.remoteClient("dave", AuthLevel.PKT_INTEGRITY);
             ComClient erin = E2eFixture.remoteClient("erin", AuthLevel.PKT_INTEGRITY)) {
            ClassFactory factory = Com.getClassObject(dave, CalculatorIds.CLSID, remote(rpcss, "dave"));
            IClassFactory stolen = erin.unmarshal(((ComProxy) factory.proxy()).objRef(), IClassFactory.class);
            ComException e = assertThrows(ComException.class, () -> stolen.remoteCreateInstance(CalculatorIds.IID_ICALCULATOR,
                    new Out<Orpc.MInterfacePointer>()));
            assertEquals(Hresult.E_ACCESSDENIED, e.hresult(), Hresult.name(e.hresult()));
            assertEquals(1, srv.exportedObjects(), "erin created nothing");
        }
    }
}

package org.dcom4j.rpcss.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dcom4j.com.Com;
import org.dcom4j.com.ComClient;
import org.dcom4j.com.ComException;
import org.dcom4j.com.ComProxy;
import org.dcom4j.com.activation.Activator;
import org.dcom4j.ntlm.NtlmCredentials;
import org.dcom4j.rpc.auth.AuthLevel;
import org.dcom4j.rpc.auth.ClientAuth;
import org.dcom4j.samples.calculator.ICalculator;

/**
 * A client process for {@link ProcessFaultsEndToEndTest}: {@code PingingClientMain PORT USER PING_MILLIS},
 * the password on the first line of stdin. Activates the Calculator through rpcss at
 * {@code 127.0.0.1:PORT} (NTLM, PKT_INTEGRITY), calls Add once, prints {@value #READY} and the object's
 * OID in hex, then holds the interface pointer — pinging every PING_MILLIS — until stdin closes.
 */
public final class PingingClientMain {
    static final String READY = "READY";

    private PingingClientMain() {
    }

    public static void main(String[] args) throws IOException, ComException {
        int port = Integer.parseInt(args[0]);
        String user = args[1];
        Duration ping = Duration.ofMillis(Long.parseLong(args[2]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String password = in.readLine();
        if (password == null) {
            System.err.println("pinging-client: no password on stdin");
            System.exit(2);
        }
        ClientAuth auth = ClientAuth.ntlm(AuthLevel.PKT_INTEGRITY, NtlmCredentials.of("", user, password.toCharArray()));
        try (ComClient client = new ComClient(auth, E2eFixture.clientConfig()).withPingInterval(ping)) {
            ICalculator calc = Com.createInstance(client, ICalculator.CLSID, ICalculator.class,
                    Activator.remote("127.0.0.1", port, auth).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)));
            if (calc.add(2, 3) != 5) {
                System.err.println("pinging-client: 2 + 3 != 5");
                System.exit(3);
            }
            System.out.println(READY + " " + Long.toHexString(((ComProxy) calc).objRef().std().oid()));
            System.out.flush();
            while (in.read() >= 0) {
                // holds the object until the test closes stdin (or kills this process)
            }
        }
        System.exit(0);
    }
}

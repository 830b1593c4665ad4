package org.dcom4j.rpcss.e2e;

import java.nio.file.Path;
import org.dcom4j.com.ComException;
import org.dcom4j.com.runtime.ScmRegistration;

/**
 * Run as another uid by {@link RunningObjectTableAsNobodyTest}: prints RotGetObject's HRESULT for each
 * display name in args[1..] ({@code NAME 0x........}), then RotEnum's names ({@code enum NAME}).
 */
public final class RotLookupMain {
    private RotLookupMain() {
    }

    public static void main(String[] args) throws ComException {
        Path run = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            int hr;
            try {
                ScmRegistration.rotGetObject(run, args[i]);
                hr = 0;
            } catch (ComException e) {
                hr = e.hresult();
            }
            System.out.println(args[i] + " 0x" + String.format("%08x", hr));
        }
        for (String n : ScmRegistration.rotEnum(run)) {
            System.out.println("enum " + n);
        }
    }
}

package org.dcom4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dcom4j.security.DcomProfile;
import org.dcom4j.security.Sid;
import org.dcom4j.security.Token;
import org.dcom4j.security.WellKnownSids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PingSettingsTest {
    private static final Token ADMIN = Token.of("test-admin", Sid.parse("S-1-5-21-1-2-3-500"), List.of(WellKnownSids.BUILTIN_ADMINISTRATORS));

    @TempDir
    Path dir;

    @Test
    void defaultsToTheSpecificationsTwoMinutesTimesThree() {
        try (Registry reg = Registry.open(dir)) {
            DcomConfig.init(reg, ADMIN, DcomProfile.DEFAULT);
            assertEquals(PingSettings.DEFAULT, PingSettings.load(reg));
            assertEquals(Duration.ofMinutes(6), PingSettings.load(reg).timeout());
        }
    }

    @Test
    void readsBothValuesFromTheStore() {
        try (Registry reg = Registry.open(dir)) {
            DcomConfig.init(reg, ADMIN, DcomProfile.DEFAULT);
            reg.set(ADMIN, PingSettings.KEY, RegValue.dword(PingSettings.PERIOD, 10));
            reg.set(ADMIN, PingSettings.KEY, RegValue.dword(PingSettings.MISSED, 2));
            assertEquals(new PingSettings(Duration.ofSeconds(10), 2), PingSettings.load(reg));
        }
    }

    @Test
    void ignoresValuesOutOfRangeOrOfAnotherType() {
        try (Registry reg = Registry.open(dir)) {
            DcomConfig.init(reg, ADMIN, DcomProfile.DEFAULT);
            reg.set(ADMIN, PingSettings.KEY, RegValue.dword(PingSettings.PERIOD, 0));
            reg.set(ADMIN, PingSettings.KEY, RegValue.sz(PingSettings.MISSED, "5"));
            assertEquals(PingSettings.DEFAULT, PingSettings.load(reg));
        }
    }
}

package edu.ucla.dgsom.escrow.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationSettingsTest {

    private static RotationSettings settings(int defaultDays, String platformDays) {
        RotationSettings settings = new RotationSettings();
        settings.defaultDays = defaultDays;
        settings.platformDays = Optional.ofNullable(platformDays);
        settings.read();
        return settings;
    }

    @Test
    void a_platforms_default_wins_over_the_global_default() {
        RotationSettings settings = settings(180, "tiktok=90, X=120");
        assertEquals(new RotationInterval(90, RotationInterval.Source.PLATFORM), settings.intervalFor(Platform.TIKTOK));
        assertEquals(new RotationInterval(120, RotationInterval.Source.PLATFORM), settings.intervalFor(Platform.X));
        assertEquals(new RotationInterval(180, RotationInterval.Source.DEFAULT),
                settings.intervalFor(Platform.INSTAGRAM));
    }

    @Test
    void no_platform_defaults_is_the_global_default_everywhere() {
        assertEquals(Map.of(), RotationSettings.platformDefaults(""));
        assertEquals(new RotationInterval(30, RotationInterval.Source.DEFAULT),
                settings(30, null).intervalFor(Platform.X));
    }

    @Test
    void a_malformed_setting_fails_the_deployment() {
        for (String bad : new String[] {"MYSPACE=90", "X=0", "X=731", "X", "X=ninety", "X=1=2"}) {
            assertThrows(IllegalStateException.class, () -> RotationSettings.platformDefaults(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> settings(0, null));
    }
}

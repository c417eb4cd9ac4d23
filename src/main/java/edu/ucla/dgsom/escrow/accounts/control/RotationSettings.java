package edu.ucla.dgsom.escrow.accounts.control;

import edu.ucla.dgsom.escrow.accounts.entity.OfficialAccount;
import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import edu.ucla.dgsom.escrow.accounts.entity.RotationInterval;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rotation intervals of accounts without their own (docs/operations.md): a platform's default
 * ({@code escrow.rotation.platform-days}, e.g. {@code TIKTOK=90,X=120}), else the global default
 * ({@code escrow.rotation.default-days}, 180). A malformed setting fails the deployment.
 */
@ApplicationScoped
public class RotationSettings {

    @Inject
    @ConfigProperty(name = "escrow.rotation.default-days", defaultValue = "180")
    int defaultDays;

    @Inject
    @ConfigProperty(name = "escrow.rotation.platform-days")
    Optional<String> platformDays;

    private RotationInterval globalDefault;
    private Map<Platform, RotationInterval> platformDefaults;

    @PostConstruct
    void read() {
        globalDefault = new RotationInterval(defaultDays, RotationInterval.Source.DEFAULT);
        platformDefaults = platformDefaults(platformDays.orElse(""));
    }

    /** The interval of an account on {@code platform} that has none of its own. */
    public RotationInterval intervalFor(Platform platform) {
        return platformDefaults.getOrDefault(platform, globalDefault);
    }

    /** The interval that applies to {@code account}: its own, else its platform's, else the global default. */
    public RotationInterval intervalOf(OfficialAccount account) {
        return account.rotation().interval(intervalFor(account.platform()));
    }

    /** {@code TIKTOK=90,X=120}: platform names (any case) and days, comma-separated; empty: none. */
    static Map<Platform, RotationInterval> platformDefaults(String setting) {
        Map<Platform, RotationInterval> defaults = new EnumMap<>(Platform.class);
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", -1);
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("not PLATFORM=DAYS");
                }
                defaults.put(Platform.valueOf(parts[0].strip().toUpperCase(Locale.ROOT)), new RotationInterval(
                        Integer.parseInt(parts[1].strip()), RotationInterval.Source.PLATFORM));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ESCROW_ROTATION_PLATFORM_DAYS: \"" + entry.strip() + "\" is not"
                        + " PLATFORM=DAYS with a known platform and 1 to 730 days", e);
            }
        }
        return Map.copyOf(defaults);
    }

    /** Every platform's interval, as {@link #intervalFor} answers it. */
    public Map<Platform, RotationInterval> intervals() {
        Map<Platform, RotationInterval> all = new EnumMap<>(Platform.class);
        for (Platform platform : Platform.values()) {
            all.put(platform, intervalFor(platform));
        }
        return all;
    }
}

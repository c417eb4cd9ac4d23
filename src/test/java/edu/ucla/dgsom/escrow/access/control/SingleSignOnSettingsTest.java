package edu.ucla.dgsom.escrow.access.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SingleSignOnSettingsTest {

    private static SingleSignOnSettings settings(String issuer, String providerMfa, List<String> acr, String local,
            List<String> breakGlass) {
        SingleSignOnSettings settings = new SingleSignOnSettings();
        settings.issuer = Optional.ofNullable(issuer).map(URI::create);
        settings.providerMfa = providerMfa;
        settings.mfaAcr = Optional.ofNullable(acr).map(values -> String.join(",", values));
        settings.localSignIn = local;
        settings.breakGlass = Optional.ofNullable(breakGlass).map(values -> String.join(",", values));
        return settings;
    }

    @Test
    void an_amr_of_a_second_factor_or_a_configured_acr_is_a_multi_factor_sign_in() {
        SingleSignOnSettings settings = settings("https://idp.example", "accepted", List.of("urn:campus:mfa"),
                "everyone", null);
        assertTrue(settings.multiFactor(List.of("pwd", "otp"), null));
        assertTrue(settings.multiFactor(List.of("mfa"), null));
        assertTrue(settings.multiFactor(List.of("hwk"), "1"));
        assertTrue(settings.multiFactor(List.of("pwd"), "urn:campus:mfa"));
        assertFalse(settings.multiFactor(List.of("pwd"), "1"));
        assertFalse(settings.multiFactor(List.of(), null));
    }

    @Test
    void the_provider_mfa_can_only_be_made_stricter() {
        SingleSignOnSettings ignored = settings("https://idp.example", "ignored", List.of("urn:campus:mfa"),
                "everyone", null);
        assertFalse(ignored.multiFactor(List.of("pwd", "otp", "hwk", "mfa"), "urn:campus:mfa"));
    }

    @Test
    void break_glass_leaves_a_password_only_to_the_configured_usernames() {
        SingleSignOnSettings settings = settings("https://idp.example", "accepted", null, "break-glass",
                List.of(" Admin ", "dgit-2"));
        assertTrue(settings.breakGlassOnly());
        assertTrue(settings.allowsLocalSignIn("admin"));
        assertTrue(settings.allowsLocalSignIn("dgit-2"));
        assertFalse(settings.allowsLocalSignIn("alice"));
        assertTrue(settings("https://idp.example", "accepted", null, "everyone", null).allowsLocalSignIn("alice"));
    }

    @Test
    void without_a_provider_local_sign_in_stays_open_to_everyone() {
        SingleSignOnSettings settings = settings(null, "accepted", null, "break-glass", List.of("admin"));
        assertFalse(settings.enabled());
        assertFalse(settings.breakGlassOnly());
        assertTrue(settings.allowsLocalSignIn("alice"));
    }
}

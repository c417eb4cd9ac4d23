package edu.ucla.dgsom.escrow.imports.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.ucla.dgsom.escrow.accounts.entity.Platform;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileAddressTest {

    @Test
    void a_profile_address_names_the_platform_and_the_handle() {
        assertEquals(Optional.of(new ProfileAddress(Platform.INSTAGRAM, null, "@uclahealth",
                "https://www.instagram.com/uclahealth/")), ProfileAddress.of("https://www.instagram.com/uclahealth/",
                "news@ucla.edu"));
        assertEquals(Optional.of(new ProfileAddress(Platform.LINKEDIN, null, "@ucla-dgsom",
                "https://linkedin.com/company/ucla-dgsom")), ProfileAddress.of("linkedin.com/company/ucla-dgsom", null));
        assertEquals(Platform.X, ProfileAddress.of("https://twitter.com/@DGSOMnews", null).orElseThrow().platform());
        assertEquals("@DGSOMnews", ProfileAddress.of("https://x.com/DGSOMnews?lang=en", null).orElseThrow().handle());
        assertEquals(Platform.YOUTUBE, ProfileAddress.of("https://m.youtube.com/@uclahealth", null).orElseThrow()
                .platform());
    }

    @Test
    void a_sign_in_page_leaves_the_handle_to_the_login_name() {
        ProfileAddress signIn = ProfileAddress.of("https://www.facebook.com/login.php?next=x", " dgsom.news@ucla.edu ")
                .orElseThrow();
        assertEquals(new ProfileAddress(Platform.FACEBOOK, null, "dgsom.news@ucla.edu", null), signIn);
        assertEquals("kb", ProfileAddress.of("https://accounts.example.org/", "kb").orElseThrow().handle());
    }

    @Test
    void another_site_is_other_named_by_its_host() {
        ProfileAddress other = ProfileAddress.of("https://www.Mastodon.social/@dgsom", null).orElseThrow();
        assertEquals(Platform.OTHER, other.platform());
        assertEquals("mastodon.social", other.platformName());
        assertEquals("@dgsom", other.handle());
    }

    @Test
    void nothing_to_go_on_is_empty() {
        assertTrue(ProfileAddress.of(null, "someone").isEmpty());
        assertTrue(ProfileAddress.of("http://sn", null).isEmpty(), "a LastPass secure note, no login name");
        assertTrue(ProfileAddress.of("ftp://files.example.org/x", "x").isEmpty());
        assertTrue(ProfileAddress.of("https://www.facebook.com/", " ").isEmpty());
        assertTrue(ProfileAddress.of("not a url at all", null).isEmpty());
    }
}

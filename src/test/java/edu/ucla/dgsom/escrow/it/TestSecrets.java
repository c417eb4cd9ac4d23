package edu.ucla.dgsom.escrow.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every password, token, seed and code the suite sends or receives, for LeakIT to look for afterwards. */
public final class TestSecrets {

    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    private TestSecrets() {
    }

    public static String remember(String secret) {
        USED.add(secret);
        return secret;
    }

    public static Set<String> all() {
        return Set.copyOf(USED);
    }
}

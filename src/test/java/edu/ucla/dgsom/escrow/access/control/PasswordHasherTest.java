package edu.ucla.dgsom.escrow.access.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.MIN_MEMORY_KIB, 2, 1);

    @Test
    void the_hash_covers_exactly_the_utf8_bytes_of_the_password() {
        String password = "correct horse battery staple ü";
        String[] parts = hasher.hash(password.toCharArray()).split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = argon2(password.getBytes(StandardCharsets.UTF_8), salt, PasswordHasher.MIN_MEMORY_KIB, 2);
        assertArrayEquals(expected, Base64.getDecoder().decode(parts[5]));
    }

    @Test
    void the_password_bytes_are_exact_even_when_the_encoders_buffer_is_longer() {
        char[] password = "twenty-two characters!".toCharArray();
        assertArrayEquals("twenty-two characters!".getBytes(StandardCharsets.UTF_8), PasswordHasher.utf8(password));
    }

    @Test
    void a_hash_with_weaker_parameters_needs_a_rehash_and_a_current_one_does_not() {
        byte[] salt = new byte[16];
        String weak = encode(salt, argon2("pw-1234567890".getBytes(StandardCharsets.UTF_8), salt, 8192, 1), 8192, 1);
        assertTrue(hasher.verify("pw-1234567890".toCharArray(), weak), "old hashes still verify");
        assertTrue(hasher.needsRehash(weak));
        assertFalse(hasher.needsRehash(hasher.hash("pw-1234567890".toCharArray())));
    }

    @Test
    void a_hash_made_over_the_padded_buffer_still_verifies_once_and_asks_for_a_rehash() {
        String password = "legacy-password-22";
        byte[] padded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password.toCharArray())).array();
        assertTrue(padded.length > password.length(), "the encoder's buffer carries trailing bytes");
        byte[] salt = new byte[16];
        String legacy = PasswordHasher.LEGACY_PADDED + encode(salt,
                argon2(padded, salt, PasswordHasher.MIN_MEMORY_KIB, 2), PasswordHasher.MIN_MEMORY_KIB, 2);
        assertTrue(hasher.verify(password.toCharArray(), legacy));
        assertFalse(hasher.verify("legacy-password-23".toCharArray(), legacy));
        assertTrue(hasher.needsRehash(legacy));
    }

    private static byte[] argon2(byte[] password, byte[] salt, int memoryKib, int iterations) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(password, out);
        return out;
    }

    private static String encode(byte[] salt, byte[] hash, int memoryKib, int iterations) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash);
    }
}

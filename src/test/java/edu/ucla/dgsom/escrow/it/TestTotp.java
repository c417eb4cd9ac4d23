package edu.ucla.dgsom.escrow.it;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An RFC 6238 implementation of the tests' own, independent of the service's, to check its codes against. */
public final class TestTotp {

    private TestTotp() {
    }

    public static String code(byte[] seed, Instant time, String hmac, int digits, int period) throws Exception {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(seed, hmac));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(time.getEpochSecond() / period).array());
        int o = h[h.length - 1] & 0xf;
        long binary = ((h[o] & 0x7fL) << 24) | ((h[o + 1] & 0xffL) << 16) | ((h[o + 2] & 0xffL) << 8) | (h[o + 3] & 0xffL);
        StringBuilder code = new StringBuilder(Long.toString(binary % (long) Math.pow(10, digits)));
        while (code.length() < digits) {
            code.insert(0, '0');
        }
        return code.toString();
    }

    public static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace("=", "").toUpperCase();
        byte[] out = new byte[clean.length() * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}

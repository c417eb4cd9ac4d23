package edu.ucla.dgsom.escrow.it;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

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
        return new Base32().decode(text.toUpperCase(Locale.ROOT));
    }
}

package edu.ucla.dgsom.escrow.crypto.control;

import java.nio.ByteBuffer;

/**
 * A sealed value as stored (docs/crypto.md, byte by byte): format version, KEK version, length of the wrapped data key,
 * the wrapped data key, the nonce, and the AES-GCM ciphertext with its tag. Any malformed header is an integrity
 * failure.
 */
record Envelope(int formatVersion, int kekVersion, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {

    static final int FORMAT_VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + 4 + 2;

    static Envelope parse(byte[] envelope) {
        if (envelope == null || envelope.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new IntegrityFailureException();
        }
        ByteBuffer in = ByteBuffer.wrap(envelope);
        int format = in.get() & 0xff;
        int kekVersion = in.getInt();
        int wrappedLength = in.getShort() & 0xffff;
        if (format != FORMAT_VERSION || wrappedLength < 16
                || envelope.length < HEADER_BYTES + wrappedLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new IntegrityFailureException();
        }
        byte[] wrappedKey = new byte[wrappedLength];
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(wrappedKey).get(nonce);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        return new Envelope(format, kekVersion, wrappedKey, nonce, ciphertext);
    }

    /** The same ciphertext with its data key wrapped by another KEK. */
    Envelope rewrapped(int toKekVersion, byte[] toWrappedKey) {
        return new Envelope(formatVersion, toKekVersion, toWrappedKey, nonce, ciphertext);
    }

    byte[] bytes() {
        return ByteBuffer.allocate(HEADER_BYTES + wrappedKey.length + NONCE_BYTES + ciphertext.length)
                .put((byte) formatVersion).putInt(kekVersion).putShort((short) wrappedKey.length)
                .put(wrappedKey).put(nonce).put(ciphertext).array();
    }
}

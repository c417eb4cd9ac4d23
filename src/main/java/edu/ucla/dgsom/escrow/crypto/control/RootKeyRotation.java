package edu.ucla.dgsom.escrow.crypto.control;

import java.util.List;

/** What a root-key rotation did: the root keys it replaced, the one now wrapping the key ring, how many KEKs moved. */
public record RootKeyRotation(List<String> previousRootKeys, String rootKey, int rewrapped) {
}

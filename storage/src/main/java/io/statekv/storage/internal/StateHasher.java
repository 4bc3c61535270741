package io.statekv.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over the canonical state encoding ({@link StateEncoding}): applied revision, stamp,
 * counts, settings, sessions with their cached responses, and every entry in (scope, key) order
 * with all its metadata. The encoding walks sorted indexes, so the hash does not depend on the
 * order in which the store was filled or on how Chronicle laid entries out.
 */
final class StateHasher {
  private StateHasher() {}

  private static final byte[] DOMAIN = "statekv-state-v1".getBytes(StandardCharsets.US_ASCII);

  static byte[] hash(StateView v) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
    digest.update(DOMAIN);
    SnapshotOutput out = new SnapshotOutput(digest::update);
    try {
      StateEncoding.writeStateFields(out, v);
      StateEncoding.writeSessions(out, v.sessions());
      StateEncoding.writeScopes(out, v.stored());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("hashing writes to memory and cannot fail", e);
    }
    return digest.digest();
  }
}

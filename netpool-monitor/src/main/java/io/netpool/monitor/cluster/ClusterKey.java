package io.netpool.monitor.cluster;

import io.netpool.pool.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES key of a cluster's traffic, derived from its shared secret with PBKDF2 (HMAC-SHA256,
 * salted with the cluster's name), so the secret itself never travels and two clusters with the
 * same secret still have different keys.
 */
final class ClusterKey {
  /** Shorter secrets are refused: the key is only as strong as the secret. */
  static final int MIN_SECRET_LENGTH = 16;

  private static final int ITERATIONS = 210_000;

  private ClusterKey() {}

  static SecretKey derive(String clusterName, Secret secret) {
    char[] chars = secret.reveal().toCharArray();
    if (chars.length < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "cluster.secret must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    PBEKeySpec spec =
        new PBEKeySpec(
            chars,
            ("netpool-cluster:" + clusterName).getBytes(StandardCharsets.UTF_8),
            ITERATIONS,
            256);
    try {
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      return new SecretKeySpec(key, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
      java.util.Arrays.fill(chars, '\0');
    }
  }
}

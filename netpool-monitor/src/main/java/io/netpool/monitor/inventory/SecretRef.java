package io.netpool.monitor.inventory;

import io.netpool.pool.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a password or enable secret comes from, as written in {@code monitor.yml}: {@code {env:
 * NAME}}, {@code {file: PATH}} or {@code {value: LITERAL}} (discouraged: the secret then sits in
 * the file).
 *
 * <p>The loader reads the value once when the inventory is loaded (a missing variable or an
 * unreadable file is an error) and keeps a keyed fingerprint of it (HMAC-SHA256 under a random
 * per-process key), so that {@link InventoryDiff} sees when the value behind an unchanged reference
 * has changed. Two references are equal when kind, reference and fingerprint are equal. Neither the
 * value nor the fingerprint is ever printed: {@link #toString()} shows the reference only.
 */
public final class SecretRef {

  /** The three reference forms. */
  public enum Kind {
    /** {@code {env: NAME}}: an environment variable of the monitor process. */
    ENV,
    /** {@code {file: PATH}}: the first line of a file (relative paths: the inventory's folder). */
    FILE,
    /** {@code {value: LITERAL}}: the secret itself, in the file. Discouraged. */
    VALUE
  }

  private static final byte[] KEY = randomKey();

  private final Kind kind;
  private final String reference;
  private final String fingerprint;
  private final String literal;

  private SecretRef(Kind kind, String reference, String value) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.fingerprint = fingerprintOf(Objects.requireNonNull(value, "value"));
    this.literal = kind == Kind.VALUE ? value : null;
  }

  /** An environment variable whose current value is {@code value}. */
  public static SecretRef env(String variable, String value) {
    return new SecretRef(Kind.ENV, variable, value);
  }

  /** A file (absolute path) whose current first line is {@code value}. */
  public static SecretRef file(Path file, String value) {
    return new SecretRef(Kind.FILE, file.toAbsolutePath().normalize().toString(), value);
  }

  /** A literal secret. */
  public static SecretRef literal(String value) {
    return new SecretRef(Kind.VALUE, "", value);
  }

  public Kind kind() {
    return kind;
  }

  /** The variable name or absolute file path; empty for a literal. */
  public String reference() {
    return reference;
  }

  /**
   * The core {@link Secret} for this reference. Environment and file secrets are read again by the
   * pool whenever a session logs in, so a rotated file takes effect on the next session.
   */
  public Secret toSecret() {
    return switch (kind) {
      case ENV -> Secret.fromEnv(reference);
      case FILE -> Secret.fromFile(Path.of(reference));
      case VALUE -> Secret.of(literal);
    };
  }

  /** {@code env:NAME}, {@code file:PATH} or {@code literal}: never the value. */
  public String describe() {
    return switch (kind) {
      case ENV -> "env:" + reference;
      case FILE -> "file:" + reference;
      case VALUE -> "literal";
    };
  }

  /**
   * True when both held the same value when they were read (compared by fingerprint, whatever the
   * source): a password moved from the file to an environment variable is the same login, a rotated
   * password file behind the same reference is not.
   */
  public static boolean sameValue(SecretRef a, SecretRef b) {
    return a == null ? b == null : b != null && a.fingerprint.equals(b.fingerprint);
  }

  /** True when both name the same source (the value may differ). */
  public boolean sameReference(SecretRef other) {
    return other != null && kind == other.kind && reference.equals(other.reference);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretRef s && sameReference(s) && fingerprint.equals(s.fingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, reference, fingerprint);
  }

  @Override
  public String toString() {
    return "SecretRef[" + describe() + "]";
  }

  private static String fingerprintOf(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}

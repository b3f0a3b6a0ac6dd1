package io.netpool.pool;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to log in to a device. Secrets stay masked in {@link #toString()}.
 *
 * @param username login name
 * @param password login password, or {@code null} for key-only login
 * @param enableSecret secondary password for privileged mode, or {@code null}
 * @param privateKey path of a private key file, or {@code null}
 */
public record Credentials(String username, Secret password, Secret enableSecret, Path privateKey) {

  public Credentials {
    Objects.requireNonNull(username, "username");
  }

  /** Username and password login. */
  public static Credentials password(String username, Secret password) {
    return new Credentials(username, Objects.requireNonNull(password, "password"), null, null);
  }

  /** A copy with an enable secret. */
  public Credentials withEnableSecret(Secret secret) {
    return new Credentials(username, password, secret, privateKey);
  }

  /** A copy with a private key file. */
  public Credentials withPrivateKey(Path key) {
    return new Credentials(username, password, enableSecret, key);
  }

  @Override
  public String toString() {
    return "Credentials[username="
        + username
        + ", password="
        + (password == null ? "none" : password)
        + ", enableSecret="
        + (enableSecret == null ? "none" : enableSecret)
        + ", privateKey="
        + privateKey
        + "]";
  }
}

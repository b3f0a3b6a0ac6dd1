package io.netpool.ssh;

import java.io.IOException;

/**
 * The CLI session logged in but could not reach the platform's default privilege level: the device
 * asked for the enable secret and the credentials have none, it rejected the secret (asked again,
 * {@code % Access denied}, {@code % Bad secrets}), or it stayed at the lower level. The login
 * itself was accepted, so this is not an {@link AuthenticationFailedException}; the message never
 * holds a secret.
 */
public class EnableFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  public EnableFailedException(String message) {
    super(message);
  }
}

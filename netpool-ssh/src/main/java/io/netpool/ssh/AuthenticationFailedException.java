package io.netpool.ssh;

import java.io.IOException;

/** The device refused the credentials. The message names the user, never a secret. */
public class AuthenticationFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.netpool.ssh;

import java.io.IOException;

/**
 * A login could not pass the pool's {@link LoginGate} before its creation deadline: too many logins
 * in progress or started per second. Nothing was sent to the device; the creation fails as a slow
 * one would.
 */
public final class LoginThrottledException extends IOException {
  private static final long serialVersionUID = 1L;

  public LoginThrottledException(String message) {
    super(message);
  }
}

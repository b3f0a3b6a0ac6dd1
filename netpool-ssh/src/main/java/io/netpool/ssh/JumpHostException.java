package io.netpool.ssh;

import java.io.IOException;

/**
 * A device could not be reached because a jump host on its way failed: the message names the
 * device, the bastion, its hop number and why; the cause is the bastion's own failure ({@link
 * HostKeyRejectedException}, {@link AuthenticationFailedException}, an unreachable address, ...),
 * so a classifier that walks the cause chain sees what went wrong at the bastion.
 */
public final class JumpHostException extends IOException {
  private final String jumpHost;
  private final int hop;

  public JumpHostException(String message, String jumpHost, int hop, Throwable cause) {
    super(message, cause);
    this.jumpHost = jumpHost;
    this.hop = hop;
  }

  /** The id of the bastion that failed. */
  public String jumpHost() {
    return jumpHost;
  }

  /** Its place in the chain, 1 = the first hop. */
  public int hop() {
    return hop;
  }
}

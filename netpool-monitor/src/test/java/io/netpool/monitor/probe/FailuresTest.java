package io.netpool.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpool.monitor.check.FailureKind;
import io.netpool.pool.AcquireTimeoutException;
import io.netpool.pool.Device;
import io.netpool.pool.DeviceUnavailableException;
import io.netpool.pool.Protocol;
import io.netpool.ssh.AuthenticationFailedException;
import io.netpool.ssh.EnableFailedException;
import io.netpool.ssh.PromptUnrecognisedException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the driver's typed login failures become failure kinds, directly and through the pool. */
class FailuresTest {
  private static final Device R1 =
      new Device("r1", "127.0.0.1", 22, "cisco_ios", 0, Map.of(), null);

  private static final IOException ENABLE = new EnableFailedException("r1: secret rejected");
  private static final IOException PROMPT =
      new PromptUnrecognisedException("r1: prompt 'x (lab)#' matches no level", "x (lab)#");

  private static AcquireTimeoutException creationFailing(Throwable cause) {
    return new AcquireTimeoutException(
        R1,
        Protocol.CLI,
        Duration.ofSeconds(15),
        AcquireTimeoutException.Reason.CREATION_FAILING,
        cause);
  }

  private static DeviceUnavailableException circuitOpen(Throwable last) {
    return new DeviceUnavailableException(R1, Protocol.CLI, 3, Duration.ofSeconds(30), last);
  }

  @Test
  void enableAndPromptFailuresHaveTheirOwnKinds() {
    assertThat(Failures.kindOf(ENABLE)).isEqualTo(FailureKind.ENABLE_FAILED);
    assertThat(Failures.kindOf(PROMPT)).isEqualTo(FailureKind.PROMPT_UNRECOGNISED);
    assertThat(Failures.kindOf(new IOException("wrapped", ENABLE)))
        .isEqualTo(FailureKind.ENABLE_FAILED);
    assertThat(Failures.kindOf(creationFailing(ENABLE))).isEqualTo(FailureKind.ENABLE_FAILED);
    assertThat(Failures.kindOf(creationFailing(PROMPT))).isEqualTo(FailureKind.PROMPT_UNRECOGNISED);
    // other I/O errors stay router_unreachable
    assertThat(Failures.kindOf(new ConnectException("refused")))
        .isEqualTo(FailureKind.ROUTER_UNREACHABLE);
  }

  @Test
  void aFailureAtAJumpHostHasTheKindOfTheBastionsOwnFailure() {
    IOException hostKey =
        new io.netpool.ssh.JumpHostException(
            "device r1 via b1: jump host b1 (hop 1): host key ... has CHANGED",
            "b1",
            1,
            new io.netpool.ssh.HostKeyRejectedException(
                "jump host b1 (hop 1): CHANGED", true, null));
    IOException auth =
        new io.netpool.ssh.JumpHostException(
            "device r1 via b1: jump host b1 (hop 1): authentication failed",
            "b1",
            1,
            new io.netpool.ssh.AuthenticationFailedException("jump host b1: refused", null));
    IOException down =
        new io.netpool.ssh.JumpHostException(
            "device r1 via b1: jump host b1 (hop 1): cannot connect",
            "b1",
            1,
            new ConnectException());
    assertThat(Failures.kindOf(creationFailing(hostKey))).isEqualTo(FailureKind.HOST_KEY_REJECTED);
    assertThat(Failures.kindOf(circuitOpen(auth))).isEqualTo(FailureKind.AUTH_FAILED);
    assertThat(Failures.kindOf(creationFailing(down))).isEqualTo(FailureKind.ROUTER_UNREACHABLE);
    IOException mismatch =
        new io.netpool.ssh.AlgorithmMismatchException(
            "device r1: no common kex algorithms",
            "kex algorithms",
            List.of("a"),
            List.of("b"),
            null);
    assertThat(Failures.kindOf(creationFailing(mismatch)))
        .isEqualTo(FailureKind.ROUTER_UNREACHABLE);
  }

  @Test
  void refusalsKeepTheirNameWhileTheCircuitIsOpen() {
    assertThat(Failures.kindOf(circuitOpen(ENABLE))).isEqualTo(FailureKind.ENABLE_FAILED);
    assertThat(Failures.kindOf(circuitOpen(PROMPT))).isEqualTo(FailureKind.PROMPT_UNRECOGNISED);
    assertThat(Failures.kindOf(circuitOpen(new AuthenticationFailedException("r1", null))))
        .isEqualTo(FailureKind.AUTH_FAILED);
    assertThat(Failures.kindOf(circuitOpen(new ConnectException("refused"))))
        .isEqualTo(FailureKind.ROUTER_UNAVAILABLE);
    assertThat(Failures.kindOf(circuitOpen(null))).isEqualTo(FailureKind.ROUTER_UNAVAILABLE);
  }

  @Test
  void theNewKindsAreRouterLevelLikeARefusedLogin() {
    assertThat(FailureKind.ENABLE_FAILED.atRouter()).isTrue();
    assertThat(FailureKind.PROMPT_UNRECOGNISED.atRouter()).isTrue();
    assertThat(FailureKind.AUTH_FAILED.atRouter()).isTrue();
    assertThat(FailureKind.COMMAND_TIMEOUT.atRouter()).isFalse();
    assertThat(FailureKind.NO_SESSION.atRouter()).isFalse();
  }
}

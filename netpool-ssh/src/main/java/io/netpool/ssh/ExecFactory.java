package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Protocol;
import io.netpool.pool.ProtocolFactory;
import io.netpool.pool.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.sshd.client.session.ClientSession;

/**
 * Opens {@link ExecDriver}s (protocol {@code ssh}): one authenticated session per pooled
 * connection. The health check is an SSH keep-alive answered within the timeout.
 */
public final class ExecFactory implements ProtocolFactory<ExecDriver> {
  private final SshTransport transport;
  private final Function<Device, SshOptions> options;
  private final LoginGate loginGate;

  /** Each device's own {@link SshOptions} session option, else {@code defaults}. */
  public ExecFactory(SshTransport transport, SshOptions defaults) {
    this(transport, SshOptions.forDevice(defaults));
  }

  public ExecFactory(SshTransport transport, Function<Device, SshOptions> options) {
    this(transport, options, null);
  }

  private ExecFactory(
      SshTransport transport, Function<Device, SshOptions> options, LoginGate loginGate) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
    this.loginGate = loginGate;
  }

  /**
   * A copy whose logins (connect and authentication) pass {@code gate}; share one gate between the
   * factories of a pool. Null: no gate (the default).
   */
  public ExecFactory withLoginGate(LoginGate gate) {
    return new ExecFactory(transport, options, gate);
  }

  @Override
  public Protocol protocol() {
    return Protocol.SSH;
  }

  @Override
  public ExecDriver create(Device device, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    SshOptions o = options.apply(device);
    ClientSession session;
    try (LoginGate.Permit p = enter(loginGate, device, deadline)) {
      session = transport.connect(device, o, SshTransport.remaining(deadline));
    }
    try {
      Transcript t = Transcript.open(o.transcriptFile(), device.id() + " ssh", secrets(device));
      return new ExecDriver(device, session, transport, t, o.maxBufferChars());
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  /** The gate's permit for one login, or null without a gate (try-with-resources allows null). */
  static LoginGate.Permit enter(LoginGate gate, Device device, long deadline) throws IOException {
    return gate == null ? null : gate.enter(device, deadline);
  }

  @Override
  public void check(ExecDriver driver, Duration timeout) throws IOException {
    if (!driver.isOpen()) {
      throw new IOException("session is closed");
    }
    driver.keepAlive(timeout);
  }

  static List<String> secrets(Device device) {
    List<String> s = new ArrayList<>();
    if (device.credentials() != null) {
      for (Secret secret :
          new Secret[] {device.credentials().password(), device.credentials().enableSecret()}) {
        if (secret != null) {
          try {
            s.add(secret.reveal());
          } catch (RuntimeException unreadable) {
            // an unreadable secret cannot leak either
          }
        }
      }
    }
    return s;
  }
}

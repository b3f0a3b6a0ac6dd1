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

  /** Each device's own {@link SshOptions} session option, else {@code defaults}. */
  public ExecFactory(SshTransport transport, SshOptions defaults) {
    this(transport, SshOptions.forDevice(defaults));
  }

  public ExecFactory(SshTransport transport, Function<Device, SshOptions> options) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public Protocol protocol() {
    return Protocol.SSH;
  }

  @Override
  public ExecDriver create(Device device, Duration timeout) throws IOException {
    SshOptions o = options.apply(device);
    ClientSession session = transport.connect(device, o, timeout);
    try {
      Transcript t = Transcript.open(o.transcriptFile(), device.id() + " ssh", secrets(device));
      return new ExecDriver(device, session, transport, t, o.maxBufferChars());
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw e;
    }
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

package io.netpool.ssh.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An in-test MINA SSH server on a loopback port that plays one {@link FakePlatform}: a scripted
 * interactive shell, plus a few exec commands ({@code echo}, {@code fail}, {@code hang}, {@code
 * show clock}). Counts sessions and shells opened.
 */
public final class FakeDeviceServer implements AutoCloseable {
  public static final String USER = "netops";
  public static final String PASSWORD = "S3cr3t-Pa55word!";
  public static final String ENABLE_SECRET = "En4ble-S3cret#";

  public final AtomicInteger sessionsOpened = new AtomicInteger();
  public final AtomicInteger shellsOpened = new AtomicInteger();
  public final AtomicInteger execsRun = new AtomicInteger();
  public final Queue<String> commands = new ConcurrentLinkedQueue<>();
  public final Queue<String> confirmAnswers = new ConcurrentLinkedQueue<>();
  volatile String enableSecret = ENABLE_SECRET;
  volatile boolean rejectPagingOff;

  private final SshServer sshd;

  private FakeDeviceServer(Builder b) throws IOException {
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(b.hostKeys != null ? b.hostKeys : new SimpleGeneratorHostKeyProvider());
    rejectPagingOff = b.rejectPagingOff;
    if (b.publicKey != null) {
      PublicKey allowed = b.publicKey;
      sshd.setPublickeyAuthenticator(
          (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(allowed, key));
    }
    sshd.setPasswordAuthenticator(
        (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    sshd.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator());
    if (b.keyboardInteractiveOnly) {
      sshd.setUserAuthFactories(List.of(new UserAuthKeyboardInteractiveFactory()));
    }
    if (b.legacyKexOnly) {
      sshd.setKeyExchangeFactories(List.of(ServerBuilder.DH2KEX.apply(BuiltinDHFactories.dhg14)));
    }
    FakePlatform platform = b.platform;
    sshd.setShellFactory(channel -> new FakeShell(platform, this));
    sshd.setCommandFactory((channel, command) -> new ExecCommand(command));
    sshd.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessionsOpened.incrementAndGet();
          }
        });
    sshd.start();
  }

  public static Builder builder(String platform) {
    FakePlatform p = FakePlatform.ALL.get(platform);
    if (p == null) {
      throw new IllegalArgumentException("no fake for " + platform);
    }
    return new Builder(p);
  }

  public static FakeDeviceServer start(String platform) throws IOException {
    return builder(platform).start();
  }

  public int port() {
    return sshd.getPort();
  }

  public String host() {
    return "127.0.0.1";
  }

  public int activeSessions() {
    return sshd.getActiveSessions().size();
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }

  /** Options of the fake. */
  public static final class Builder {
    private final FakePlatform platform;
    private KeyPairProvider hostKeys;
    private PublicKey publicKey;
    private boolean keyboardInteractiveOnly;
    private boolean legacyKexOnly;
    private boolean rejectPagingOff;

    private Builder(FakePlatform platform) {
      this.platform = platform;
    }

    public Builder hostKeys(KeyPairProvider v) {
      hostKeys = v;
      return this;
    }

    public Builder allowPublicKey(PublicKey v) {
      publicKey = v;
      return this;
    }

    public Builder keyboardInteractiveOnly() {
      keyboardInteractiveOnly = true;
      return this;
    }

    public Builder legacyKexOnly() {
      legacyKexOnly = true;
      return this;
    }

    public Builder rejectPagingOff() {
      rejectPagingOff = true;
      return this;
    }

    public FakeDeviceServer start() throws IOException {
      return new FakeDeviceServer(this);
    }
  }

  /** Exec commands: echo X, fail (stderr, status 3), hang, show clock. */
  private final class ExecCommand implements Command {
    private final String command;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    ExecCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      execsRun.incrementAndGet();
      commands.add(command);
      if (command.equals("hang")) {
        return; // never exits
      }
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  if (command.startsWith("echo ")) {
                    out.write((command.substring(5) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    exit.onExit(0);
                  } else if (command.equals("fail")) {
                    err.write("boom\n".getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(3);
                  } else {
                    out.write(
                        "*10:15:42.123 UTC Mon Jan 6 2025\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    exit.onExit(0);
                  }
                } catch (IOException e) {
                  exit.onExit(1);
                }
              });
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}

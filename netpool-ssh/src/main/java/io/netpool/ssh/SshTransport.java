package io.netpool.ssh;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.ssh.platform.AlgorithmPolicy;
import io.netpool.ssh.platform.PlatformProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.MissingAttachedSessionException;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MINA SSHD {@link SshClient} of a process or pool: its few NIO worker threads serve every
 * session. {@link #connect} opens one authenticated {@link ClientSession} per pooled connection,
 * with the device's {@link SshOptions} (host key mode, legacy algorithms) applied to that session
 * only.
 *
 * <p>MINA's own timers are set for pooling: its idle timeout is off by default (the pool closes
 * idle sessions itself), and a heartbeat ({@code keepalive@openssh.com} with want-reply, every 30 s
 * by default) keeps NAT and firewall state alive; a session whose peer misses {@code
 * heartbeatMaxMissed} replies in a row is closed by MINA, which the drivers report through {@code
 * isOpen()}.
 */
public final class SshTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SshTransport.class);

  /** The keep-alive global request; OpenSSH servers answer it, others answer with a failure. */
  public static final String KEEPALIVE_REQUEST = "keepalive@openssh.com";

  /** Size of each session's socket read buffer. */
  static final int READ_BUFFER_BYTES = 8 * 1024;

  static final AttributeKey<SshOptions> OPTIONS = new AttributeKey<>();
  static final AttributeKey<String> DEVICE_ID = new AttributeKey<>();
  static final AttributeKey<AtomicReference<String>> HOST_KEY_PROBLEM = new AttributeKey<>();
  static final AttributeKey<AlgorithmPolicy> ALGORITHMS = new AttributeKey<>();

  /** The device's real address when it is reached through a jump host's port forward. */
  static final AttributeKey<SshdSocketAddress> TARGET = new AttributeKey<>();

  private final SshClient client;
  private final Duration heartbeatInterval;
  private final HostKeyVerifiers verifiers = new HostKeyVerifiers();
  private final Set<String> warnedNoHostKeyCheck = ConcurrentHashMap.newKeySet();
  private final Set<String> loggedAlgorithms = ConcurrentHashMap.newKeySet();
  private final Bastions bastions = new Bastions(this::loginJumpHost);

  private SshTransport(Builder b) {
    this.heartbeatInterval = b.heartbeatInterval;
    SshClient c = SshClient.setUpDefaultClient();
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, b.heartbeatInterval);
    CoreModuleProperties.HEARTBEAT_REQUEST.set(c, KEEPALIVE_REQUEST);
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, b.heartbeatMaxMissed);
    CoreModuleProperties.IDLE_TIMEOUT.set(c, b.idleTimeout);
    CoreModuleProperties.NIO2_READ_TIMEOUT.set(c, Duration.ZERO);
    CoreModuleProperties.WINDOW_TIMEOUT.set(c, b.windowTimeout);
    // Every session keeps one read buffer for its life (MINA's default is 32 KiB). A device's CLI
    // output arrives in small packets, so 8 KiB costs nothing in speed and saves 24 KiB of heap per
    // pooled session: a third of an idle session's footprint (docs/benchmarks-e2e.md, scale).
    CoreModuleProperties.NIO2_READ_BUFFER_SIZE.set(c, READ_BUFFER_BYTES);
    if (b.nioWorkers > 0) {
      CoreModuleProperties.NIO_WORKERS.set(c, b.nioWorkers);
    }
    // Strict by default: no ssh-rsa (SHA-1) host key signatures and no CBC ciphers unless a device
    // names them (AlgorithmPolicy) or asks for legacyAlgorithms.
    c.setSignatureFactories(SessionAlgorithms.modernSignatures());
    c.setKeyExchangeFactories(SessionAlgorithms.sntrupLast(c.getKeyExchangeFactories()));
    c.setCipherFactories(SessionAlgorithms.modernCiphers(c.getCipherFactories()));
    // Host keys are checked per session (see sessionCreated); reject if that ever did not happen.
    c.setServerKeyVerifier((session, address, key) -> false);
    c.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            if (session instanceof ClientSession cs) {
              configureSession(cs);
            }
          }
        });
    c.start();
    this.client = c;
  }

  /** A transport with default settings (30 s heartbeat, 4 missed replies, no idle timeout). */
  public static SshTransport start() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The underlying client (for advanced settings; do not stop it, close the transport). */
  public SshClient client() {
    return client;
  }

  /** The heartbeat interval (zero when off). */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /**
   * Opens one authenticated session to {@code device}, within {@code timeout} overall (and within
   * the options' connect and auth timeouts for each phase). A device with {@link JumpHosts} is
   * reached through them (one shared connection per hop); its {@link AlgorithmPolicy} (over its
   * platform profile's) decides the algorithm lists.
   *
   * @throws HostKeyRejectedException the host key is unknown (strict) or changed
   * @throws AuthenticationFailedException the device refused the credentials
   * @throws AlgorithmMismatchException the device and netpool share no algorithm of a category
   * @throws JumpHostException a jump host failed (its own failure is the cause)
   * @throws IOException connect failed or timed out, or the device closed the connection before the
   *     key exchange completed (for example at its session limit)
   */
  public ClientSession connect(Device device, SshOptions options, Duration timeout)
      throws IOException {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(options, "options");
    if (device.credentials() == null) {
      throw new IOException("device " + device.id() + " has no credentials");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (options.hostKeyMode() == HostKeyMode.OFF && warnedNoHostKeyCheck.add(device.id())) {
      log.warn(
          "host key checking is OFF for device {} ({}:{}), as configured: the connection is open"
              + " to man-in-the-middle attacks",
          device.id(),
          device.host(),
          device.port());
    }
    AlgorithmPolicy policy = algorithmsOf(device);
    JumpHosts jumps = device.options().get(JumpHosts.class).orElse(JumpHosts.NONE);
    String who = "device " + device.id();
    if (jumps.isEmpty()) {
      return login(who, device, options, policy, null, deadline);
    }
    Bastions.Route route;
    try {
      route = bastions.route(jumps.hops(), options, device.host(), device.port(), deadline);
    } catch (JumpHostException e) {
      throw new JumpHostException(
          who + " via " + jumps.describe() + ": " + e.getMessage(),
          e.jumpHost(),
          e.hop(),
          e.getCause() == null ? e : e.getCause());
    }
    try {
      ClientSession session =
          login(who + " via " + jumps.describe(), device, options, policy, route.local(), deadline);
      session.addCloseFutureListener(f -> route.release());
      return session;
    } catch (IOException | RuntimeException e) {
      route.release();
      throw e;
    }
  }

  /** The device's algorithm lists: its own over its platform profile's; logged once if widened. */
  private AlgorithmPolicy algorithmsOf(Device device) {
    AlgorithmPolicy platform =
        device
            .options()
            .get(PlatformProfile.class)
            .map(PlatformProfile::algorithms)
            .orElse(AlgorithmPolicy.DEFAULTS);
    AlgorithmPolicy policy =
        device.options().get(AlgorithmPolicy.class).orElse(AlgorithmPolicy.DEFAULTS).over(platform);
    if (!policy.isEmpty() && loggedAlgorithms.add(device.id())) {
      Map<String, List<String>> extra = SessionAlgorithms.beyondDefaults(client, policy);
      if (!extra.isEmpty()) {
        log.info(
            "device {}: SSH algorithms beyond the secure defaults enabled, as configured: {}",
            device.id(),
            extra);
      }
    }
    return policy;
  }

  /**
   * Connects and authenticates {@code device} directly, or through {@code route} (a jump host's
   * port forward {@code via}); {@code who} starts every message ("device r1", "jump host b1 (hop
   * 1)").
   */
  private ClientSession login(
      String who,
      Device device,
      SshOptions options,
      AlgorithmPolicy policy,
      SshdSocketAddress via,
      long deadline)
      throws IOException {
    Credentials creds = device.credentials();
    AtomicReference<String> hostKeyProblem = new AtomicReference<>();
    Map<AttributeKey<?>, Object> attributes = new HashMap<>();
    attributes.put(OPTIONS, options);
    attributes.put(DEVICE_ID, device.id());
    attributes.put(HOST_KEY_PROBLEM, hostKeyProblem);
    attributes.put(ALGORITHMS, policy);
    String host = device.host();
    int port = device.port();
    if (via != null) {
      attributes.put(TARGET, new SshdSocketAddress(device.host(), device.port()));
      host = via.getHostName();
      port = via.getPort();
    }
    String address = device.host() + ":" + device.port();
    ConnectFuture cf =
        client.connect(
            creds.username(), host, port, AttributeRepository.ofAttributesMap(attributes), null);
    ClientSession session;
    try {
      cf.verify(min(options.connectTimeout(), remaining(deadline)));
      session = cf.getSession();
    } catch (IOException e) {
      cf.cancel();
      // getSession() throws RuntimeSshException when the future failed (connection refused), which
      // would hide this message: ask isConnected() first
      if (cf.isConnected()) {
        cf.getSession().close(true);
      }
      if (closedBeforeSessionAttached(e)) {
        // TCP was accepted, then closed before MINA attached an SSH session to it: the same
        // thing as a close during key exchange (a device at its session limit), seen earlier.
        throw closedEarly(who, via != null, e);
      }
      String message = who + ": cannot connect to " + address + ": " + e.getMessage();
      String unreachable = SshUnreachableException.connectFailure(e, isTimeout(e));
      if (unreachable != null) {
        throw new SshUnreachableException(message, unreachable, e);
      }
      throw new IOException(message, e);
    }
    try {
      addIdentities(session, creds);
      session.auth().verify(min(options.authTimeout(), remaining(deadline)));
      return session;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      session.close(true);
      String problem = hostKeyProblem.get();
      if (problem != null) {
        throw new HostKeyRejectedException(who + ": " + problem, problem.contains("CHANGED"), e);
      }
      AlgorithmMismatchException mismatch = SessionAlgorithms.mismatch(who, e);
      if (mismatch != null) {
        throw mismatch;
      }
      if (e instanceof GeneralSecurityException) {
        throw new IOException(who + ": cannot load private key: " + e.getMessage(), e);
      }
      if (e instanceof IOException io && isTimeout(io)) {
        if (session.getServerVersion() == null) {
          // the port took the connection but never said "SSH-": not an SSH server
          throw new SshUnreachableException(
              who + ": no SSH banner from " + address + " (is it an SSH port?)",
              "no SSH banner",
              e);
        }
        throw new IOException(who + ": SSH handshake or authentication timed out", e);
      }
      if (session.getServerKey() == null) {
        // No host key received: the peer closed the connection during key exchange (a device at
        // its vty/session limit, or rebooting). The credentials were never offered.
        throw closedEarly(who, via != null, e);
      }
      throw new AuthenticationFailedException(
          who
              + ": authentication failed for user "
              + creds.username()
              + " ("
              + describeMethods(creds)
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static IOException closedEarly(String who, boolean viaJumpHost, Exception e) {
    String why =
        !viaJumpHost
            ? "connection closed by the device before the SSH key exchange completed (at its"
                + " session limit?)"
            : "connection closed before the SSH key exchange completed: the last jump host could"
                + " not open a channel to the device (unreachable from there, or forwarding"
                + " refused), or the device closed it (at its session limit?)";
    return new IOException(who + ": " + why + ": " + e.getMessage(), e);
  }

  /** Logs in to a jump host for {@link Bastions}: directly, or through {@code via}. */
  private ClientSession loginJumpHost(
      String who, JumpHost bastion, SshOptions options, SshdSocketAddress via, long deadline)
      throws IOException {
    if (options.hostKeyMode() == HostKeyMode.OFF && warnedNoHostKeyCheck.add(bastion.id())) {
      log.warn(
          "host key checking is OFF for jump host {} ({}:{}), as configured: the connection is"
              + " open to man-in-the-middle attacks",
          bastion.id(),
          bastion.host(),
          bastion.port());
    }
    return login(who, bastion.asDevice(), options, AlgorithmPolicy.DEFAULTS, via, deadline);
  }

  /**
   * Sends a {@code keepalive@openssh.com} global request with want-reply and waits for the answer
   * (success or failure both prove the peer alive).
   *
   * @throws IOException no answer within {@code timeout}, or the session is closed
   */
  public void keepAlive(ClientSession session, Duration timeout) throws IOException {
    if (!session.isOpen() || session.isClosing()) {
      throw new IOException("session is closed");
    }
    Buffer buf = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, 32);
    buf.putString(KEEPALIVE_REQUEST);
    buf.putBoolean(true);
    try {
      session.request(KEEPALIVE_REQUEST, buf, Duration.ofMillis(Math.max(1, timeout.toMillis())));
    } catch (SocketTimeoutException e) {
      throw new IOException("no keep-alive reply within " + timeout.toMillis() + " ms", e);
    }
  }

  /** Open connections to jump hosts (one per hop chain in use). */
  public int jumpHostConnections() {
    return bastions.openConnections();
  }

  @Override
  public void close() {
    bastions.close();
    try {
      client.stop();
    } catch (RuntimeException e) {
      log.debug("closing ssh client", e);
    }
  }

  // ---- per-session configuration -----------------------------------------------------------

  private void configureSession(ClientSession session) {
    AttributeRepository ctx = session.getConnectionContext();
    SshOptions options = ctx == null ? null : ctx.getAttribute(OPTIONS);
    if (options == null) {
      return; // not one of ours: keep the client's reject-all verifier
    }
    AlgorithmPolicy policy = ctx.getAttribute(ALGORITHMS);
    SessionAlgorithms.apply(
        session, options.legacyAlgorithms(), policy == null ? AlgorithmPolicy.DEFAULTS : policy);
    SshdSocketAddress target = ctx.getAttribute(TARGET);
    ServerKeyVerifier verifier = verifiers.forOptions(options);
    if (target != null) {
      // Reached through a jump host's port forward: the key is checked (and recorded) under the
      // device's own [host]:port, never under the loopback address of the forward.
      session.setServerKeyVerifier((s, remote, key) -> verifier.verifyServerKey(s, target, key));
    } else {
      session.setServerKeyVerifier(verifier);
    }
  }

  // ---- authentication ------------------------------------------------------------------------

  private static void addIdentities(ClientSession session, Credentials creds)
      throws IOException, GeneralSecurityException {
    if (creds.privateKey() != null) {
      Path keyFile = creds.privateKey();
      try (InputStream in = Files.newInputStream(keyFile)) {
        Iterable<KeyPair> keys =
            SecurityUtils.loadKeyPairIdentities(
                session, new PathResource(keyFile), in, FilePasswordProvider.EMPTY);
        if (keys != null) {
          for (KeyPair kp : keys) {
            session.addPublicKeyIdentity(kp);
          }
        }
      }
    }
    if (creds.password() != null) {
      String password = creds.password().reveal();
      session.addPasswordIdentity(password);
      // keyboard-interactive: answer every hidden prompt (Password:, Passcode:) with the password.
      session.setUserInteraction(
          new UserInteraction() {
            @Override
            public String[] interactive(
                ClientSession s,
                String name,
                String instruction,
                String lang,
                String[] prompt,
                boolean[] echo) {
              String[] answers = new String[prompt.length];
              for (int i = 0; i < prompt.length; i++) {
                answers[i] = echo[i] ? creds.username() : password;
              }
              return answers;
            }

            @Override
            public String getUpdatedPassword(ClientSession s, String prompt, String lang) {
              return null; // never change a device password
            }
          });
    }
  }

  private static String describeMethods(Credentials creds) {
    List<String> m = new ArrayList<>();
    if (creds.privateKey() != null) {
      m.add("publickey " + creds.privateKey());
    }
    if (creds.password() != null) {
      m.add("password/keyboard-interactive");
    }
    return String.join(", ", m);
  }

  private static boolean isTimeout(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
        return true;
      }
      String msg = t.getMessage();
      if (msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  static Duration remaining(long deadlineNanos) {
    long left = deadlineNanos - System.nanoTime();
    return Duration.ofNanos(Math.max(left, 1_000_000));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Settings of the shared client. */
  public static final class Builder {
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private int heartbeatMaxMissed = 4;
    private Duration idleTimeout = Duration.ZERO;
    private Duration windowTimeout = Duration.ofSeconds(30);
    private int nioWorkers;

    private Builder() {}

    /** Keep-alive period (default 30 s; zero turns the heartbeat off). */
    public Builder heartbeatInterval(Duration v) {
      if (v.isNegative()) {
        throw new IllegalArgumentException("heartbeatInterval must be >= 0");
      }
      heartbeatInterval = v;
      return this;
    }

    /**
     * Keep-alives without a reply after which MINA closes the session (default 4; 0 = never, and no
     * reply is requested).
     */
    public Builder heartbeatMaxMissed(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("heartbeatMaxMissed must be >= 0");
      }
      heartbeatMaxMissed = v;
      return this;
    }

    /**
     * MINA's own idle timeout (default zero = off). If set, keep it far above the pool's idle
     * timeout, or MINA closes pooled sessions under the pool's feet.
     */
    public Builder idleTimeout(Duration v) {
      if (v.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must be >= 0");
      }
      idleTimeout = v;
      return this;
    }

    /** How long a write waits for the peer's window (default 30 s). */
    public Builder windowTimeout(Duration v) {
      windowTimeout = Objects.requireNonNull(v);
      return this;
    }

    /** NIO worker threads (default: MINA's, CPUs + 1). */
    public Builder nioWorkers(int v) {
      nioWorkers = v;
      return this;
    }

    public SshTransport build() {
      return new SshTransport(this);
    }
  }

  private static boolean closedBeforeSessionAttached(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MissingAttachedSessionException) {
        return true;
      }
    }
    return false;
  }
}

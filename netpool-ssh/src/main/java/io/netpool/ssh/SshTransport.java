package io.netpool.ssh;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.MissingAttachedSessionException;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.io.resource.PathResource;
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

  static final AttributeKey<SshOptions> OPTIONS = new AttributeKey<>();
  static final AttributeKey<String> DEVICE_ID = new AttributeKey<>();
  static final AttributeKey<AtomicReference<String>> HOST_KEY_PROBLEM = new AttributeKey<>();

  private final SshClient client;
  private final Duration heartbeatInterval;
  private final Map<Path, KnownHostsServerKeyVerifier> strictVerifiers = new ConcurrentHashMap<>();
  private final Map<Path, KnownHostsServerKeyVerifier> acceptNewVerifiers =
      new ConcurrentHashMap<>();
  private final Set<String> warnedNoHostKeyCheck = ConcurrentHashMap.newKeySet();

  private SshTransport(Builder b) {
    this.heartbeatInterval = b.heartbeatInterval;
    SshClient c = SshClient.setUpDefaultClient();
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, b.heartbeatInterval);
    CoreModuleProperties.HEARTBEAT_REQUEST.set(c, KEEPALIVE_REQUEST);
    CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(c, b.heartbeatMaxMissed);
    CoreModuleProperties.IDLE_TIMEOUT.set(c, b.idleTimeout);
    CoreModuleProperties.NIO2_READ_TIMEOUT.set(c, Duration.ZERO);
    CoreModuleProperties.WINDOW_TIMEOUT.set(c, b.windowTimeout);
    if (b.nioWorkers > 0) {
      CoreModuleProperties.NIO_WORKERS.set(c, b.nioWorkers);
    }
    // Strict by default: no ssh-rsa (SHA-1) host key signatures unless a device asks for legacy.
    c.setSignatureFactories(modernSignatures());
    c.setKeyExchangeFactories(sntrupLast(c.getKeyExchangeFactories()));
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
   * the options' connect and auth timeouts for each phase).
   *
   * @throws HostKeyRejectedException the host key is unknown (strict) or changed
   * @throws AuthenticationFailedException the device refused the credentials
   * @throws IOException connect failed or timed out, or the device closed the connection before the
   *     key exchange completed (for example at its session limit)
   */
  public ClientSession connect(Device device, SshOptions options, Duration timeout)
      throws IOException {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(options, "options");
    Credentials creds = device.credentials();
    if (creds == null) {
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
    AtomicReference<String> hostKeyProblem = new AtomicReference<>();
    AttributeRepository context =
        AttributeRepository.ofAttributesMap(
            Map.of(OPTIONS, options, DEVICE_ID, device.id(), HOST_KEY_PROBLEM, hostKeyProblem));
    ConnectFuture cf =
        client.connect(creds.username(), device.host(), device.port(), context, null);
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
        throw new IOException(
            "device "
                + device.id()
                + ": connection closed by the device before the SSH key exchange completed (at its"
                + " session limit?): "
                + e.getMessage(),
            e);
      }
      String message =
          "device "
              + device.id()
              + ": cannot connect to "
              + device.host()
              + ":"
              + device.port()
              + ": "
              + e.getMessage();
      String unreachable = SshUnreachableException.connectFailure(e, isTimeout(e));
      if (unreachable != null) {
        throw new SshUnreachableException(message, unreachable, e);
      }
      throw new IOException(message, e);
    }
    try {
      addIdentities(session, device, creds);
      session.auth().verify(min(options.authTimeout(), remaining(deadline)));
      return session;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      session.close(true);
      String problem = hostKeyProblem.get();
      if (problem != null) {
        throw new HostKeyRejectedException(
            "device " + device.id() + ": " + problem, problem.contains("CHANGED"), e);
      }
      if (e instanceof GeneralSecurityException) {
        throw new IOException(
            "device " + device.id() + ": cannot load private key: " + e.getMessage(), e);
      }
      if (e instanceof IOException io && isTimeout(io)) {
        if (session.getServerVersion() == null) {
          // the port took the connection but never said "SSH-": not an SSH server
          throw new SshUnreachableException(
              "device "
                  + device.id()
                  + ": no SSH banner from "
                  + device.host()
                  + ":"
                  + device.port()
                  + " (is it an SSH port?)",
              "no SSH banner",
              e);
        }
        throw new IOException(
            "device " + device.id() + ": SSH handshake or authentication timed out", e);
      }
      if (session.getServerKey() == null) {
        // No host key received: the peer closed the connection during key exchange (a device at
        // its vty/session limit, or rebooting). The credentials were never offered.
        throw new IOException(
            "device "
                + device.id()
                + ": connection closed by the device before the SSH key exchange completed (at its"
                + " session limit?): "
                + e.getMessage(),
            e);
      }
      throw new AuthenticationFailedException(
          "device "
              + device.id()
              + ": authentication failed for user "
              + creds.username()
              + " ("
              + describeMethods(creds)
              + "): "
              + e.getMessage(),
          e);
    }
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

  @Override
  public void close() {
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
    if (options.legacyAlgorithms()) {
      session.setKeyExchangeFactories(legacyKex());
      session.setSignatureFactories(legacySignatures());
      session.setCipherFactories(legacyCiphers(session.getCipherFactories()));
    }
    session.setServerKeyVerifier(verifierFor(options));
  }

  private ServerKeyVerifier verifierFor(SshOptions options) {
    Path file = options.knownHostsFile().toAbsolutePath().normalize();
    return switch (options.hostKeyMode()) {
      case OFF -> AcceptAllServerKeyVerifier.INSTANCE;
      case STRICT -> strictVerifiers.computeIfAbsent(file, f -> newVerifier(f, false));
      case ACCEPT_NEW -> acceptNewVerifiers.computeIfAbsent(file, f -> newVerifier(f, true));
    };
  }

  private static KnownHostsServerKeyVerifier newVerifier(Path file, boolean acceptNew) {
    if (acceptNew && file.getParent() != null) {
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        log.warn("cannot create the directory of known_hosts file {}: {}", file, e.toString());
      }
    }
    ServerKeyVerifier unknown =
        (session, address, key) -> {
          if (acceptNew) {
            log.info(
                "accepting new host key {} {} of {} and recording it in {}",
                KeyUtils.getKeyType(key),
                KeyUtils.getFingerPrint(key),
                address,
                file);
            return true;
          }
          recordProblem(
              session,
              "host key "
                  + KeyUtils.getKeyType(key)
                  + " "
                  + KeyUtils.getFingerPrint(key)
                  + " of "
                  + address
                  + " is not in "
                  + file
                  + " (host key mode strict)");
          return false;
        };
    return new KnownHostsServerKeyVerifier(unknown, file) {
      @Override
      public boolean acceptModifiedServerKey(
          ClientSession session,
          SocketAddress address,
          KnownHostEntry entry,
          PublicKey expected,
          PublicKey actual) {
        String problem =
            "host key of "
                + address
                + " has CHANGED: "
                + file
                + " has "
                + KeyUtils.getKeyType(expected)
                + " "
                + KeyUtils.getFingerPrint(expected)
                + ", the server offered "
                + KeyUtils.getKeyType(actual)
                + " "
                + KeyUtils.getFingerPrint(actual)
                + "; rejected (possible man-in-the-middle; remove the old entry if the device was"
                + " replaced)";
        recordProblem(session, problem);
        log.error("{}", problem);
        return false;
      }
    };
  }

  private static void recordProblem(ClientSession session, String problem) {
    AttributeRepository ctx = session.getConnectionContext();
    AtomicReference<String> holder = ctx == null ? null : ctx.getAttribute(HOST_KEY_PROBLEM);
    if (holder != null) {
      holder.set(problem);
    }
  }

  private static List<NamedFactory<Signature>> modernSignatures() {
    List<NamedFactory<Signature>> list = new ArrayList<>();
    for (BuiltinSignatures s : ClientBuilder.DEFAULT_SIGNATURE_PREFERENCE) {
      if (s != BuiltinSignatures.rsa && s != BuiltinSignatures.rsa_cert && s.isSupported()) {
        list.add(s);
      }
    }
    return list;
  }

  private static List<NamedFactory<Signature>> legacySignatures() {
    List<NamedFactory<Signature>> list = new ArrayList<>(modernSignatures());
    list.add(BuiltinSignatures.rsa);
    if (BuiltinSignatures.dsa.isSupported()) {
      list.add(BuiltinSignatures.dsa);
    }
    return list;
  }

  /**
   * MINA prefers sntrup761x25519, which costs 110-160 ms of CPU per handshake here, against about
   * 14 ms for mlkem768x25519 (also post-quantum) and 11 ms for curve25519 (measured with
   * ThousandDevicesPoolTest). With thousands of sessions that decides warm-up time, so it is kept
   * but offered last.
   */
  static List<KeyExchangeFactory> sntrupLast(List<KeyExchangeFactory> factories) {
    List<KeyExchangeFactory> fast = new ArrayList<>();
    List<KeyExchangeFactory> slow = new ArrayList<>();
    for (KeyExchangeFactory f : factories) {
      (f.getName().startsWith("sntrup") ? slow : fast).add(f);
    }
    fast.addAll(slow);
    return fast;
  }

  private static List<KeyExchangeFactory> legacyKex() {
    List<KeyExchangeFactory> list =
        new ArrayList<>(sntrupLast(ClientBuilder.setUpDefaultKeyExchanges(true)));
    for (BuiltinDHFactories f :
        List.of(BuiltinDHFactories.dhgex, BuiltinDHFactories.dhg14, BuiltinDHFactories.dhg1)) {
      if (f.isSupported()) {
        list.add(ClientBuilder.DH2KEX.apply(f));
      }
    }
    return list;
  }

  private static List<NamedFactory<Cipher>> legacyCiphers(List<NamedFactory<Cipher>> current) {
    List<NamedFactory<Cipher>> list = new ArrayList<>(current);
    if (BuiltinCiphers.tripledescbc.isSupported() && !list.contains(BuiltinCiphers.tripledescbc)) {
      list.add(BuiltinCiphers.tripledescbc);
    }
    return list;
  }

  // ---- authentication ------------------------------------------------------------------------

  private static void addIdentities(ClientSession session, Device device, Credentials creds)
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

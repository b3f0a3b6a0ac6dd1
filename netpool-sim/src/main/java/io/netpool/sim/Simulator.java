package io.netpool.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated network devices served over SSH by one Apache MINA SSHD server: one acceptor
 * bound to one TCP port per device, one I/O thread pool, one host key. Sessions run on virtual
 * threads, so thousands of devices and sessions are cheap.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder()
 *     .seed(42).credentials("netops", "secret").enableSecret("en")
 *     .device(DeviceSpec.of("r1", Platform.CISCO_IOSXE))
 *     .start()) {
 *   SimulatedDevice r1 = sim.device("r1");
 *   // connect to r1.host():r1.port()
 * }
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

  static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  static final AttributeKey<SimulatedDevice> DEVICE = new AttributeKey<>();
  static final AttributeKey<Boolean> REFUSED = new AttributeKey<>();
  static final AttributeKey<java.util.concurrent.atomic.AtomicInteger> COMMANDS =
      new AttributeKey<>();

  /** Set while the session's login is in progress; cleared once (authenticated or closed). */
  static final AttributeKey<java.util.concurrent.atomic.AtomicBoolean> LOGIN = new AttributeKey<>();

  private final LoginCounter logins = new LoginCounter();

  private final Builder config;
  private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
  private final Map<Integer, SimulatedDevice> byPort = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final SimServer server =
      (SimServer) org.apache.sshd.server.ServerBuilder.builder().factory(SimServer::new).build();
  private KeyPair hostKeyPair;
  private String fingerprint;
  private Duration startupTime = Duration.ZERO;
  private volatile boolean closed;

  /** SshServer with its acceptor reachable, to bind one port per device. */
  private static final class SimServer extends SshServer {
    IoAcceptor acceptor() {
      return acceptor;
    }
  }

  private Simulator(Builder b) {
    this.config = b;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "netpool-sim-scheduler");
              t.setDaemon(true);
              return t;
            });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The device with this id. */
  public SimulatedDevice device(String id) {
    SimulatedDevice d = devices.get(id);
    if (d == null) {
      throw new NoSuchElementException("no simulated device " + id);
    }
    return d;
  }

  /** All devices, in the order they were given. */
  public List<SimulatedDevice> devices() {
    return List.copyOf(devices.values());
  }

  public String host() {
    return config.host;
  }

  public String username() {
    return config.username;
  }

  public String password() {
    return config.password;
  }

  /** The enable secret, or null. */
  public String enableSecret() {
    return config.enableSecret;
  }

  public long seed() {
    return config.seed;
  }

  /** The devices' clock. */
  java.time.Clock clock() {
    return config.clock;
  }

  double timeScale() {
    return config.timeScale;
  }

  /** Extra time every command takes before it answers (0: none). */
  Duration commandLatency() {
    return config.commandLatency;
  }

  Duration reloadDowntime() {
    return config.reloadDowntime;
  }

  public PublicKey hostKey() {
    return hostKeyPair.getPublic();
  }

  /** OpenSSH-style fingerprint of the shared host key ({@code SHA256:...}). */
  public String hostKeyFingerprint() {
    return fingerprint;
  }

  /** How long {@link Builder#start()} took (binding every port included). */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops the server: every session and listening port is closed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.stop(true);
    } catch (IOException e) {
      LOG.warn("stopping the simulator's SSH server failed", e);
    } finally {
      scheduler.shutdownNow();
      devices.values().forEach(SimulatedDevice::closeSilentPort);
      devices.values().forEach(SimulatedDevice::closeTelnet);
    }
  }

  // ---- machinery

  boolean isClosed() {
    return closed;
  }

  void schedule(Runnable task, Duration delay) {
    if (!closed) {
      scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  /** Runs {@code task} every {@code period} until the returned handle is cancelled. */
  java.util.concurrent.Future<?> every(Runnable task, Duration period) {
    long ms = Math.max(1, period.toMillis());
    return closed
        ? java.util.concurrent.CompletableFuture.completedFuture(null)
        : scheduler.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
  }

  void unbind(InetSocketAddress address) {
    IoAcceptor a = server.acceptor();
    if (a != null) {
      a.unbind(address);
    }
  }

  void rebind(SimulatedDevice d) {
    if (closed) {
      return;
    }
    try {
      server.acceptor().bind(d.address());
    } catch (IOException e) {
      LOG.warn("device {} could not rebind {} after reboot, retrying", d.id(), d.address(), e);
      schedule(() -> rebind(d), Duration.ofMillis(200));
    }
  }

  private void start() throws IOException {
    long t0 = System.nanoTime();
    hostKeyPair = loadHostKey();
    fingerprint = KeyUtils.getFingerPrint(hostKeyPair.getPublic());
    int i = 0;
    for (DeviceSpec spec : config.specs) {
      if (devices.containsKey(spec.id())) {
        throw new IllegalArgumentException("duplicate device id " + spec.id());
      }
      devices.put(spec.id(), new SimulatedDevice(this, spec, i++, config.seed));
    }
    if (devices.isEmpty()) {
      throw new IllegalStateException("no devices: add at least one DeviceSpec");
    }
    configureServer();

    InetAddress bindAddress = InetAddress.getByName(config.host);
    List<SimulatedDevice> list = new ArrayList<>(devices.values());
    int[] ports = new int[list.size()];
    for (int k = 0; k < ports.length; k++) {
      int p = list.get(k).spec().port();
      ports[k] = p != 0 ? p : config.basePort > 0 ? config.basePort + k : 0;
    }
    server.setHost(config.host);
    server.setPort(ports[0]);
    try {
      server.start();
      InetSocketAddress first = new InetSocketAddress(bindAddress, server.getPort());
      list.get(0).address(first);
      byPort.put(first.getPort(), list.get(0));
      List<SocketAddress> fixed = new ArrayList<>();
      List<SocketAddress> ephemeral = new ArrayList<>();
      for (int k = 1; k < ports.length; k++) {
        InetSocketAddress a = new InetSocketAddress(bindAddress, ports[k]);
        if (ports[k] != 0) {
          list.get(k).address(a);
          byPort.put(ports[k], list.get(k));
          fixed.add(a);
        } else {
          ephemeral.add(a);
        }
      }
      IoAcceptor acceptor = server.acceptor();
      acceptor.bind(fixed);
      if (!ephemeral.isEmpty()) {
        acceptor.bind(ephemeral);
        Set<Integer> known = new HashSet<>(byPort.keySet());
        List<Integer> fresh = new ArrayList<>();
        for (SocketAddress a : acceptor.getBoundAddresses()) {
          int p = ((InetSocketAddress) a).getPort();
          if (!known.contains(p)) {
            fresh.add(p);
          }
        }
        Collections.sort(fresh);
        int f = 0;
        for (int k = 1; k < ports.length; k++) {
          if (ports[k] == 0) {
            int p = fresh.get(f++);
            list.get(k).address(new InetSocketAddress(bindAddress, p));
            byPort.put(p, list.get(k));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    if (config.telnet) {
      try {
        for (SimulatedDevice d : list) {
          d.telnet(TelnetListener.start(d, bindAddress));
        }
      } catch (IOException e) {
        close();
        throw e;
      }
    }
    startupTime = Duration.ofNanos(System.nanoTime() - t0);
    for (SimulatedDevice d : list) {
      d.stopAnsweringIfDue(0); // a spec's Fault.stopAnswering() applies from the start
    }
    LOG.info(
        "simulator started: {} devices on {} in {} ms",
        devices.size(),
        config.host,
        startupTime.toMillis());
  }

  private KeyPair loadHostKey() throws IOException {
    if (config.hostKeyFile != null) {
      SimpleGeneratorHostKeyProvider p = new SimpleGeneratorHostKeyProvider(config.hostKeyFile);
      p.setAlgorithm(KeyUtils.EC_ALGORITHM);
      return p.loadKeys(null).iterator().next();
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate a host key", e);
    }
  }

  private void configureServer() {
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKeyPair));
    CoreModuleProperties.IDLE_TIMEOUT.set(server, config.idleTimeout);
    CoreModuleProperties.NIO_WORKERS.set(server, config.ioThreads);
    server.setPasswordAuthenticator(
        (user, pass, session) ->
            authResult(session, config.username.equals(user) && config.password.equals(pass)));
    server.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator());
    server.setPublickeyAuthenticator(
        (user, key, session) ->
            authResult(
                session,
                config.username.equals(user)
                    && config.authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key))));
    server.setShellFactory(channel -> new SimCommand(null));
    server.setCommandFactory((channel, command) -> new SimCommand(command));
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            admit(session);
          }

          @Override
          public void sessionEvent(Session session, Event event) {
            if (event == Event.Authenticated) {
              loginEnded(session);
            }
          }

          @Override
          public void sessionClosed(Session session) {
            loginEnded(session);
            SimulatedDevice d = session.getAttribute(DEVICE);
            if (d != null && session.getAttribute(REFUSED) == null) {
              d.release((ServerSession) session);
            }
          }
        });
  }

  private void admit(Session session) {
    SocketAddress acc = session.getIoSession().getAcceptanceAddress();
    SimulatedDevice d = acc instanceof InetSocketAddress isa ? byPort.get(isa.getPort()) : null;
    if (d == null) {
      session.setAttribute(REFUSED, Boolean.TRUE);
      scheduler.execute(() -> session.close(true));
      return;
    }
    session.setAttribute(DEVICE, d);
    session.setAttribute(COMMANDS, new java.util.concurrent.atomic.AtomicInteger());
    if (!d.admit((ServerSession) session)) {
      session.setAttribute(REFUSED, Boolean.TRUE);
      scheduler.execute(() -> session.close(true));
      return;
    }
    long now = System.nanoTime();
    session.setAttribute(LOGIN, new java.util.concurrent.atomic.AtomicBoolean(true));
    logins.started();
    d.logins().started();
    LoginListener l = config.loginListener;
    if (l != null) {
      try {
        l.loginStarted(d, now);
      } catch (RuntimeException e) {
        LOG.warn("login listener failed", e);
      }
    }
  }

  private void loginEnded(Session session) {
    java.util.concurrent.atomic.AtomicBoolean open = session.getAttribute(LOGIN);
    SimulatedDevice d = session.getAttribute(DEVICE);
    if (open != null && d != null && open.compareAndSet(true, false)) {
      logins.ended();
      d.logins().ended();
    }
  }

  /** Logins in progress now on all devices (accepted, not yet authenticated or closed). */
  public int loginsInProgress() {
    return logins.inProgress();
  }

  /** The most logins that were in progress at once, over all devices. */
  public int peakConcurrentLogins() {
    return logins.peak();
  }

  /** Logins started so far (connections accepted and not refused), over all devices. */
  public long loginsStarted() {
    return logins.total();
  }

  private boolean authResult(ServerSession session, boolean ok) {
    SimulatedDevice d = session.getAttribute(DEVICE);
    if (d == null || session.getAttribute(REFUSED) != null) {
      return false;
    }
    boolean result = ok && d.fault(Fault.AuthFailure.class).isEmpty();
    Duration delay =
        d.fault(Fault.SlowHandshake.class).map(Fault.SlowHandshake::delay).orElse(null);
    if (delay == null || delay.isZero() || delay.isNegative()) {
      return result;
    }
    AsyncAuthException async = new AsyncAuthException();
    scheduler.schedule(() -> async.setAuthed(result), delay.toMillis(), TimeUnit.MILLISECONDS);
    throw async;
  }

  /** Builder of a {@link Simulator}. */
  public static final class Builder {
    private long seed = 1;
    private String host = "127.0.0.1";
    private String username = "netops";
    private String password = "netops";
    private String enableSecret;
    private final List<DeviceSpec> specs = new ArrayList<>();
    private int basePort;
    private final List<PublicKey> authorizedKeys = new ArrayList<>();
    private Path hostKeyFile;
    private double timeScale = 1.0;
    private Duration commandLatency = Duration.ZERO;
    private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private Duration reloadDowntime = Duration.ofSeconds(5);
    private Duration idleTimeout = Duration.ZERO;
    private LoginListener loginListener;
    private boolean telnet;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private Builder() {}

    /**
     * The devices' clock: {@code show clock}, prompts' timestamps and the runs of SLA operations
     * follow it. Default: the system clock in UTC.
     */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Seed of every random choice (ping loss and latency, random faults). Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Address to listen on; default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** Login accepted by every device (password and keyboard-interactive). */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username);
      this.password = Objects.requireNonNull(password);
      return this;
    }

    /** Secret asked by {@code enable} on platforms with privilege levels; null: none set. */
    public Builder enableSecret(String secret) {
      this.enableSecret = secret;
      return this;
    }

    /** A public key accepted for the configured user name. */
    public Builder authorizedKey(PublicKey key) {
      authorizedKeys.add(Objects.requireNonNull(key));
      return this;
    }

    public Builder device(DeviceSpec... specs) {
      this.specs.addAll(List.of(specs));
      return this;
    }

    public Builder devices(Collection<DeviceSpec> specs) {
      this.specs.addAll(specs);
      return this;
    }

    /**
     * Device {@code i} (in order) listens on {@code basePort + i}; 0 (default): ephemeral ports.
     */
    public Builder basePort(int basePort) {
      this.basePort = basePort;
      return this;
    }

    /** Keep the host key in this file (created if missing); default: a fresh key per start. */
    public Builder hostKeyFile(Path file) {
      this.hostKeyFile = file;
      return this;
    }

    /**
     * Factor applied to simulated durations (ping round trips, timeouts, intervals): 1 is real
     * time, 0 answers at once. Fault delays (slow handshake, slow output) are not scaled.
     */
    public Builder timeScale(double timeScale) {
      if (!(timeScale >= 0)) {
        throw new IllegalArgumentException("timeScale must be >= 0");
      }
      this.timeScale = timeScale;
      return this;
    }

    /**
     * Time every command takes on every device before its output starts (a router's own response
     * time), on shell and exec channels alike; empty lines are not commands. Not scaled by {@link
     * #timeScale}, like fault delays. Default zero: commands answer at once.
     */
    public Builder commandLatency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative()) {
        throw new IllegalArgumentException("commandLatency must be >= 0");
      }
      this.commandLatency = latency;
      return this;
    }

    /** I/O threads shared by every device; default: number of CPUs, at least 2. */
    public Builder ioThreads(int ioThreads) {
      this.ioThreads = Math.max(1, ioThreads);
      return this;
    }

    /** Downtime after a confirmed reload command; default 5 s. */
    public Builder reloadDowntime(Duration downtime) {
      this.reloadDowntime = Objects.requireNonNull(downtime);
      return this;
    }

    /** Server-side idle timeout of SSH sessions; default 0 = none. */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout);
      return this;
    }

    /** Told of every login start (default none). */
    /**
     * Every device also listens for Telnet on a port of its own ({@link
     * SimulatedDevice#telnetPort()}); off by default.
     */
    public Builder telnet(boolean telnet) {
      this.telnet = telnet;
      return this;
    }

    public Builder loginListener(LoginListener listener) {
      this.loginListener = listener;
      return this;
    }

    /** Binds every device's port and starts serving. */
    public Simulator start() throws IOException {
      Simulator s = new Simulator(this);
      s.start();
      return s;
    }
  }
}

package io.netpool.sim;

import io.netpool.sim.platform.Platform;
import io.netpool.sim.platform.PlatformRenderer;
import io.netpool.sim.platform.TargetBehaviour;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.apache.sshd.server.session.ServerSession;

/**
 * One simulated device of a running {@link Simulator}: where it listens, its counters, and runtime
 * controls (faults, reboot, ping targets). Thread-safe.
 */
public final class SimulatedDevice {

  private final Simulator sim;
  private final DeviceSpec spec;
  private final int index;
  private final PlatformRenderer renderer;
  private volatile InetSocketAddress address;
  private volatile String hostname;
  private final List<Fault> faults;
  private volatile Map<String, TargetBehaviour> runtimeTargets; // lazily created
  private volatile Map<String, AtomicLong> pingCounters; // lazily created
  private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong opened = new AtomicLong();
  private final LoginCounter logins = new LoginCounter();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong idleLogouts = new AtomicLong();
  private final Set<Fault> firedOnce = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final SplittableRandom random;
  private volatile boolean down;
  private volatile boolean silent;
  private SilentPort silentPort; // guarded by this
  private volatile TelnetListener telnet; // set at start when the simulator serves Telnet
  private volatile long bootNanos = System.nanoTime();
  private volatile Duration uptimeAtBoot;

  SimulatedDevice(Simulator sim, DeviceSpec spec, int index, long seed) {
    this.sim = sim;
    this.spec = spec;
    this.index = index;
    this.renderer = spec.platform().renderer();
    this.hostname = spec.hostname();
    this.faults = new CopyOnWriteArrayList<>(spec.faults());
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.id().hashCode());
    this.uptimeAtBoot = Duration.ofMinutes(1440 + random.nextInt(60 * 1440));
  }

  public String id() {
    return spec.id();
  }

  public Platform platform() {
    return spec.platform();
  }

  public DeviceSpec spec() {
    return spec;
  }

  /** The address the device listens on. */
  public String host() {
    return address.getHostString();
  }

  public int port() {
    return address.getPort();
  }

  public InetSocketAddress address() {
    return address;
  }

  /** The hostname currently shown in the prompt. */
  public String hostname() {
    return hostname;
  }

  /** The host key (shared by all devices of one simulator). */
  public PublicKey hostKey() {
    return sim.hostKey();
  }

  /** OpenSSH-style fingerprint of the host key, for example {@code SHA256:...}. */
  public String hostKeyFingerprint() {
    return sim.hostKeyFingerprint();
  }

  /** Adds a fault; it applies to new commands and connections from now on. */
  public void inject(Fault fault) {
    faults.add(java.util.Objects.requireNonNull(fault));
    stopAnsweringIfDue(commands.get());
  }

  /**
   * Removes every fault (including those of the spec) and restores the spec's hostname. A device
   * that {@link Fault.StopAnswering stopped answering} answers again: its silent connections are
   * closed and the port serves SSH again.
   */
  public void clearFaults() {
    faults.clear();
    synchronized (firedOnce) {
      firedOnce.clear();
    }
    hostname = spec.hostname();
    resumeAnswering(true);
  }

  public List<Fault> faults() {
    return List.copyOf(faults);
  }

  /**
   * Reboots now: every session drops, the port stops listening (connections are refused) for {@code
   * downtime}, then the device accepts connections again with a fresh uptime. Returns at once;
   * ignored while the device is already down.
   */
  public void reboot(Duration downtime) {
    synchronized (this) {
      if (down) {
        return;
      }
      down = true;
    }
    resumeAnswering(false);
    sim.unbind(address);
    for (ServerSession s : new ArrayList<>(sessions)) {
      s.close(true);
    }
    sim.schedule(
        () -> {
          sim.rebind(this);
          bootNanos = System.nanoTime();
          uptimeAtBoot = Duration.ZERO;
          down = false;
        },
        downtime);
  }

  /**
   * The device's Telnet port ({@link Simulator.Builder#telnet(boolean)}): a login dialog, then the
   * same CLI as over SSH.
   *
   * @throws IllegalStateException when the simulator does not serve Telnet
   */
  public int telnetPort() {
    return telnetListener().port();
  }

  /** Telnet connections accepted so far (0 when none came). */
  public long telnetConnections() {
    TelnetListener t = telnet;
    return t == null ? 0 : t.connections();
  }

  /**
   * Closes the SSH port for good (connections are refused), as on a router with SSH disabled; its
   * Telnet port, if any, stays open.
   */
  public void closeSshPort() {
    sim.unbind(address);
  }

  private TelnetListener telnetListener() {
    TelnetListener t = telnet;
    if (t == null) {
      throw new IllegalStateException(
          "device " + spec.id() + " has no Telnet port (Builder.telnet)");
    }
    return t;
  }

  void telnet(TelnetListener listener) {
    this.telnet = listener;
  }

  void closeTelnet() {
    TelnetListener t = telnet;
    if (t != null) {
      t.close();
    }
  }

  /** False while rebooting. */
  public boolean isUp() {
    return !down;
  }

  /** False while the device {@link Fault.StopAnswering stopped answering}. */
  public boolean isAnswering() {
    return !silent;
  }

  /** Sets how a ping target answers on this device. */
  public void setTarget(String ip, TargetBehaviour behaviour) {
    targetsMap().put(ip, java.util.Objects.requireNonNull(behaviour));
  }

  /** How a ping target answers on this device. */
  public TargetBehaviour target(String ip) {
    Map<String, TargetBehaviour> rt = runtimeTargets;
    TargetBehaviour b = rt == null ? null : rt.get(ip);
    if (b == null) {
      b = spec.targets().get(ip);
    }
    return b != null ? b : spec.defaultTarget();
  }

  /** SSH connections accepted so far (refused ones not counted). */
  public long sessionsOpened() {
    return opened.get();
  }

  /** Logins in progress now (connections accepted, not yet authenticated or closed). */
  public int loginsInProgress() {
    return logins.inProgress();
  }

  /** The most logins that were in progress at once on this device. */
  public int peakConcurrentLogins() {
    return logins.peak();
  }

  LoginCounter logins() {
    return logins;
  }

  /** SSH connections open now. */
  public int activeSessions() {
    return active.get();
  }

  /** Connections closed on accept (session limit, reboot). */
  public long sessionsRefused() {
    return refused.get();
  }

  /** Shells logged out for idleness ({@link Fault.IdleLogout}). */
  public long idleLogouts() {
    return idleLogouts.get();
  }

  void idleLogout() {
    idleLogouts.incrementAndGet();
  }

  /** Non-empty commands received (shell and exec). */
  public long commandsRun() {
    return commands.get();
  }

  @Override
  public String toString() {
    return "SimulatedDevice[" + id() + " " + platform() + " " + address + "]";
  }

  // ---- package-private machinery

  void address(InetSocketAddress address) {
    this.address = address;
  }

  PlatformRenderer renderer() {
    return renderer;
  }

  Simulator simulator() {
    return sim;
  }

  int index() {
    return index;
  }

  void hostnameSet(String name) {
    this.hostname = name;
  }

  Duration uptime() {
    return uptimeAtBoot.plusNanos(System.nanoTime() - bootNanos);
  }

  String managementIp() {
    int n = index + 1;
    return "172." + (16 + (n >> 16)) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  <T extends Fault> Optional<T> fault(Class<T> type) {
    for (Fault f : faults) {
      if (type.isInstance(f)) {
        return Optional.of(type.cast(f));
      }
    }
    return Optional.empty();
  }

  List<Fault> faultList() {
    return faults;
  }

  double nextRandom() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  byte[] garbage() {
    synchronized (random) {
      byte[] b = new byte[64 + random.nextInt(448)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) random.nextInt(256);
      }
      return b;
    }
  }

  RandomGenerator pingRandom(String ip) {
    Map<String, AtomicLong> m = pingCounters;
    if (m == null) {
      synchronized (this) {
        if (pingCounters == null) {
          pingCounters = new ConcurrentHashMap<>();
        }
        m = pingCounters;
      }
    }
    long n = m.computeIfAbsent(ip, k -> new AtomicLong()).getAndIncrement();
    long h = sim.seed();
    h = h * 0x9E3779B97F4A7C15L + spec.id().hashCode();
    h = h * 0xBF58476D1CE4E5B9L + ip.hashCode();
    h = h * 0x94D049BB133111EBL + n;
    return new SplittableRandom(h);
  }

  private Map<String, TargetBehaviour> targetsMap() {
    Map<String, TargetBehaviour> m = runtimeTargets;
    if (m == null) {
      synchronized (this) {
        if (runtimeTargets == null) {
          runtimeTargets = new ConcurrentHashMap<>();
        }
        m = runtimeTargets;
      }
    }
    return m;
  }

  /** Admission of a new connection: false if down or at the session limit. */
  boolean admit(ServerSession session) {
    synchronized (this) {
      int limit = spec.vtyLines();
      for (Fault f : faults) {
        if (f instanceof Fault.SessionLimit l) {
          limit = Math.min(limit, l.maxSessions());
        }
      }
      if (down || active.get() >= limit) {
        refused.incrementAndGet();
        return false;
      }
      active.incrementAndGet();
      opened.incrementAndGet();
      sessions.add(session);
      if (silent) {
        // accepted by the SSH server just before the port went silent
        session.getIoSession().suspendRead();
      }
      return true;
    }
  }

  /**
   * Silences the device if a {@link Fault.StopAnswering} fault is due after {@code answered}
   * commands (once per fault). Returns whether the device is silent.
   */
  boolean stopAnsweringIfDue(long answered) {
    for (Fault f : faults) {
      if (f instanceof Fault.StopAnswering sa && answered >= sa.afterCommands()) {
        boolean fire;
        synchronized (firedOnce) {
          fire = firedOnce.add(f);
        }
        if (fire) {
          stopAnswering();
        }
      }
    }
    return silent;
  }

  /**
   * The device stops answering: commands get no output (see {@link CliSession}), the server stops
   * reading the open connections, and the port is handed from the SSH server to a {@link
   * SilentPort} that accepts TCP connections and never sends a banner.
   */
  private synchronized void stopAnswering() {
    if (silent || down || sim.isClosed()) {
      return;
    }
    silent = true;
    for (ServerSession s : new ArrayList<>(sessions)) {
      s.getIoSession().suspendRead();
    }
    sim.unbind(address);
    try {
      silentPort = SilentPort.open(address, id());
    } catch (java.io.IOException e) {
      // the port was taken in between: connections are refused instead of left unanswered
      Simulator.LOG.warn("device {} could not hold {} silently: {}", id(), address, e.toString());
    }
  }

  /**
   * Ends {@link #stopAnswering()}: closes the silent port and the silenced sessions; with {@code
   * rebind}, the SSH server serves the port again (not on reboot, which rebinds after its
   * downtime).
   */
  private void resumeAnswering(boolean rebind) {
    List<ServerSession> silenced;
    synchronized (this) {
      if (!silent) {
        return;
      }
      silent = false;
      if (silentPort != null) {
        silentPort.close();
        silentPort = null;
      }
      silenced = new ArrayList<>(sessions);
      if (rebind && !down) {
        sim.rebind(this);
      }
    }
    for (ServerSession s : silenced) {
      s.close(true);
    }
  }

  /** Releases the silent port when the simulator closes. */
  synchronized void closeSilentPort() {
    if (silentPort != null) {
      silentPort.close();
      silentPort = null;
    }
  }

  void release(ServerSession session) {
    if (sessions.remove(session)) {
      active.decrementAndGet();
    }
  }

  /**
   * Counts a command. Returns false if the device is not to answer it: it stopped answering, or
   * this command is beyond a {@link Fault.StopAnswering} limit (which silences the device now).
   */
  boolean commandStarted() {
    long answeredBefore = commands.incrementAndGet() - 1;
    return !silent && !stopAnsweringIfDue(answeredBefore);
  }

  /** Applies device-wide faults after a command (prompt change, reboot, stop answering). */
  void commandFinished() {
    long n = commands.get();
    stopAnsweringIfDue(n);
    for (Fault f : faults) {
      if (f instanceof Fault.PromptChange pc && n >= pc.afterCommands()) {
        hostname = pc.hostname();
      } else if (f instanceof Fault.Reboot rb && n >= rb.afterCommands()) {
        boolean fire;
        synchronized (firedOnce) {
          fire = firedOnce.add(f);
        }
        if (fire) {
          reboot(rb.downtime());
        }
      }
    }
  }
}

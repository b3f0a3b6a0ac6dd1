package io.netpool.sim;

import io.netpool.sim.platform.CliContext;
import io.netpool.sim.platform.PlatformRenderer;
import io.netpool.sim.platform.TargetBehaviour;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * One shell or exec channel (or Telnet connection, after its login): reads input (with echo on the
 * shell), applies per-command faults, runs the platform renderer and pages its output.
 */
final class CliSession implements CliContext {

  private static final ZoneId UTC = ZoneId.of("UTC");

  /** Thrown when the user quits at the paging marker. */
  private static final class OutputAborted extends RuntimeException {
    OutputAborted() {
      super(null, null, false, false);
    }
  }

  private enum Verdict {
    RUN,
    HANG,
    DROP,
    GARBAGE
  }

  private final SimulatedDevice device;
  private final Simulator sim;
  private final PlatformRenderer renderer;
  private final ShellSession session;
  private final InputReader in;
  private final OutputStream out;
  private final boolean exec;
  private final String nl;
  private final CountDownLatch destroyed;

  private int termLength;
  private boolean privileged;
  private String mode = "";
  private String prompt = "";
  private boolean paging;
  private int linesOnPage;
  private boolean morePending;
  private int exitStatus;
  private boolean closeRequested;
  private boolean rebootRequested;
  private volatile boolean dropped;
  private volatile boolean atPrompt;

  CliSession(
      SimulatedDevice device,
      ShellSession session,
      InputReader in,
      OutputStream out,
      boolean exec,
      int ptyLines,
      CountDownLatch destroyed) {
    this.device = device;
    this.sim = device.simulator();
    this.renderer = device.renderer();
    this.session = session;
    this.in = in;
    this.out = out;
    this.exec = exec;
    this.destroyed = destroyed;
    this.nl = exec ? renderer.execLineEnding() : "\r\n";
    this.termLength = ptyLines > 0 ? ptyLines : renderer.defaultTerminalLength();
    this.privileged = renderer.startsPrivileged(device.spec().enableRequired());
  }

  boolean dropped() {
    return dropped;
  }

  // ---- main loops

  int runShell() throws IOException, InterruptedException {
    Optional<Fault.Hang> hang = device.fault(Fault.Hang.class);
    if (!device.isAnswering() || (hang.isPresent() && hang.get().afterCommands() == 0)) {
      hang();
      return 0;
    }
    print(renderer.banner(this));
    printPrompt();
    java.util.concurrent.Future<?> idleWatch = watchIdleness();
    try {
      return shellLoop();
    } finally {
      idleWatch.cancel(false);
    }
  }

  /**
   * Logs the shell out once it has waited at its prompt without input for the {@link
   * Fault.IdleLogout} time (checked at a tenth of it).
   */
  private java.util.concurrent.Future<?> watchIdleness() {
    Optional<Fault.IdleLogout> idle = device.fault(Fault.IdleLogout.class);
    if (idle.isEmpty()) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    long after = idle.get().after().toNanos();
    return sim.every(
        () -> {
          if (atPrompt && in.quietNanos() >= after && !dropped) {
            dropped = true;
            device.idleLogout();
            session.close();
          }
        },
        idle.get().after().dividedBy(10));
  }

  private int shellLoop() throws IOException, InterruptedException {
    while (true) {
      atPrompt = true;
      String line = readLine(true);
      atPrompt = false;
      if (line == null) {
        return 0;
      }
      String cmd = line.strip();
      switch (verdict(cmd.isEmpty())) {
        case HANG -> {
          hang();
          return 0;
        }
        case DROP -> {
          drop();
          return 0;
        }
        case GARBAGE -> {
          garbage();
          continue;
        }
        case RUN -> {}
      }
      if (!cmd.isEmpty()) {
        run(cmd);
        if (closeRequested) {
          return 0;
        }
        if (rebootRequested) {
          device.reboot(sim.reloadDowntime());
          return 0;
        }
        device.commandFinished();
        if (!device.isUp()) {
          return 0;
        }
      }
      printPrompt();
    }
  }

  int runExec(String command) throws IOException, InterruptedException {
    String cmd = command.strip();
    switch (verdict(cmd.isEmpty())) {
      case HANG -> {
        hang();
        return 1;
      }
      case DROP -> {
        drop();
        return 1;
      }
      case GARBAGE -> {
        garbage();
        return 1;
      }
      case RUN -> {}
    }
    if (!cmd.isEmpty()) {
      run(cmd);
      flush();
      if (rebootRequested) {
        device.reboot(sim.reloadDowntime());
      } else {
        device.commandFinished();
      }
    }
    return exitStatus;
  }

  private void run(String cmd) throws IOException {
    paging = !exec && renderer.pages() && termLength > 0;
    linesOnPage = 0;
    morePending = false;
    exitStatus = 0;
    respondAfterCommandLatency();
    try {
      renderer.execute(cmd, this);
    } catch (OutputAborted e) {
      // user quit at the paging marker
    }
    morePending = false;
    paging = false;
    flush();
  }

  /** The device's own response time ({@link Simulator.Builder#commandLatency}), before output. */
  private void respondAfterCommandLatency() throws IOException {
    long nanos = sim.commandLatency().toNanos();
    if (nanos > 0) {
      flush();
      pause(nanos);
    }
  }

  private Verdict verdict(boolean empty) {
    AtomicInteger counter = session.commands();
    int n = empty ? counter.get() : counter.incrementAndGet();
    boolean answer = empty ? device.isAnswering() : device.commandStarted();
    if (!answer) {
      return Verdict.HANG;
    }
    for (Fault f : device.faultList()) {
      switch (f) {
        case Fault.Hang h -> {
          if (n > h.afterCommands() || (empty && n >= h.afterCommands())) {
            return Verdict.HANG;
          }
        }
        case Fault.DropAfterCommands d -> {
          if (!empty && n > d.commands()) {
            return Verdict.DROP;
          }
        }
        case Fault.DropRandomly d -> {
          if (!empty && device.nextRandom() < d.probability()) {
            return Verdict.DROP;
          }
        }
        case Fault.GarbageOutput g -> {
          if (!empty && device.nextRandom() < g.probability()) {
            return Verdict.GARBAGE;
          }
        }
        default -> {}
      }
    }
    return Verdict.RUN;
  }

  /** Stops answering: nothing is written until the channel is closed by the peer. */
  private void hang() throws InterruptedException {
    destroyed.await();
  }

  private void drop() {
    dropped = true;
    session.close();
  }

  private void garbage() throws IOException {
    out.write(device.garbage());
    out.flush();
  }

  private void printPrompt() throws IOException {
    String p = device.fault(Fault.CustomPrompt.class).map(Fault.CustomPrompt::prompt).orElse(null);
    if (p == null) {
      p = renderer.prompt(this);
    }
    int cut = p.lastIndexOf('\n');
    prompt = cut >= 0 ? p.substring(cut + 1) : p;
    write(p.replace("\n", nl));
    flush();
  }

  // ---- input

  /** Reads one line; echoes it when {@code echo}. Returns null at end of input. */
  private String readLine(boolean echo) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (b == '\r' || b == '\n') {
        if (echo) {
          write(nl);
        }
        flush();
        return line.toString(StandardCharsets.UTF_8);
      } else if (b == 0x7f || b == 0x08) {
        if (line.size() > 0) {
          byte[] cur = line.toByteArray();
          line.reset();
          line.write(cur, 0, cur.length - 1);
          if (echo) {
            write("\b \b");
          }
        }
      } else if (b == 0x03) {
        if (echo) {
          write("^C");
        }
        line.reset();
      } else if (b == 0x15) {
        line.reset();
      } else if (b >= 0x20 || b == '\t') {
        line.write(b);
        if (echo) {
          out.write(b);
        }
      }
      if (echo && !in.ready()) {
        flush();
      }
    }
  }

  private void more() throws IOException {
    write(renderer.moreMarker());
    flush();
    int k = in.read();
    if (k < 0) {
      throw new EOFException("session closed at the paging marker");
    }
    write(renderer.moreEraser());
    morePending = false;
    if (k == ' ') {
      linesOnPage = 0;
    } else if (k == '\r' || k == '\n') {
      linesOnPage = Math.max(0, termLength - 2);
    } else {
      flush();
      throw new OutputAborted();
    }
  }

  // ---- output

  private void write(String s) throws IOException {
    if (s.isEmpty()) {
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    Optional<Fault.SlowOutput> slow = device.fault(Fault.SlowOutput.class);
    if (slow.isEmpty()) {
      out.write(b);
      return;
    }
    int chunk = Math.max(1, slow.get().chunkBytes());
    for (int i = 0; i < b.length; i += chunk) {
      out.write(b, i, Math.min(chunk, b.length - i));
      out.flush();
      pause(slow.get().delay().toNanos());
    }
  }

  private void flush() throws IOException {
    out.flush();
  }

  private void pause(long nanos) throws IOException {
    try {
      if (destroyed.await(nanos, TimeUnit.NANOSECONDS)) {
        throw new EOFException("session closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  // ---- CliContext

  @Override
  public String hostname() {
    return device.hostname();
  }

  @Override
  public String promptPrefix() {
    return device.spec().promptPrefix();
  }

  @Override
  public String username() {
    return session.username();
  }

  @Override
  public boolean exec() {
    return exec;
  }

  @Override
  public boolean privileged() {
    return privileged;
  }

  @Override
  public void privileged(boolean privileged) {
    this.privileged = privileged;
  }

  @Override
  public String mode() {
    return mode;
  }

  @Override
  public void mode(String mode) {
    this.mode = mode == null ? "" : mode;
  }

  @Override
  public void terminalLength(int lines) {
    this.termLength = Math.max(0, lines);
  }

  @Override
  public int terminalLength() {
    return termLength;
  }

  @Override
  public void terminalWidth(int columns) {
    // accepted; output is not wrapped
  }

  @Override
  public String currentPrompt() {
    return exec ? "" : prompt;
  }

  @Override
  public void print(String text) throws IOException {
    int start = 0;
    int len = text.length();
    while (start < len) {
      if (morePending) {
        more();
      }
      int end = text.indexOf('\n', start);
      if (end < 0) {
        write(text.substring(start));
        break;
      }
      write(text.substring(start, end));
      write(nl);
      start = end + 1;
      if (paging && ++linesOnPage >= termLength - 1) {
        morePending = true;
      }
    }
    flush();
  }

  @Override
  public String ask(String question, boolean echo, String execAnswer) throws IOException {
    if (exec) {
      return execAnswer;
    }
    morePending = false;
    write(question.replace("\n", nl));
    flush();
    return readLine(echo);
  }

  @Override
  public boolean interrupted() throws IOException {
    return !exec && in.ctrlCPending();
  }

  @Override
  public void sleep(double simulatedMillis) throws IOException {
    double ms = simulatedMillis * sim.timeScale();
    if (ms < 0.05) {
      if (destroyed.getCount() == 0) {
        throw new EOFException("session closed");
      }
      return;
    }
    flush();
    pause((long) (ms * 1_000_000));
  }

  @Override
  public boolean enableSecretSet() {
    return sim.enableSecret() != null;
  }

  @Override
  public boolean checkEnableSecret(String secret) {
    return sim.enableSecret() != null
        && sim.enableSecret().equals(secret)
        && device.fault(Fault.EnableRejected.class).isEmpty();
  }

  @Override
  public TargetBehaviour target(String ip) {
    return device.target(ip);
  }

  @Override
  public RandomGenerator pingRandom(String ip) {
    return device.pingRandom(ip);
  }

  @Override
  public void exitStatus(int status) {
    this.exitStatus = status;
  }

  @Override
  public void closeSession() {
    closeRequested = true;
  }

  @Override
  public void reboot() {
    rebootRequested = true;
  }

  @Override
  public void hostname(String hostname) {
    device.hostnameSet(hostname);
  }

  @Override
  public ZonedDateTime now() {
    return ZonedDateTime.now(sim.clock()).withZoneSameInstant(UTC);
  }

  @Override
  public io.netpool.sim.platform.sla.SlaOperation slaOperation(String key) {
    return device.spec().slaOperation(key);
  }

  @Override
  public long slaSeed() {
    return sim.seed() * 0x9E3779B97F4A7C15L + device.id().hashCode();
  }

  @Override
  public Duration uptime() {
    return device.uptime();
  }

  @Override
  public boolean ipv6Enabled() {
    return device.spec().ipv6();
  }

  @Override
  public String managementIp() {
    return device.managementIp();
  }
}

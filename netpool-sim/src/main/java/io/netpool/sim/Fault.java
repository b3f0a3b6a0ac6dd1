package io.netpool.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault injected into one simulated device. Random faults draw from the device's generator,
 * seeded from the simulator seed and the device id, so a run is reproducible for a given sequence
 * of commands. Faults are set in {@link DeviceSpec} or at runtime with {@link
 * SimulatedDevice#inject(Fault)} and removed with {@link SimulatedDevice#clearFaults()}.
 */
public sealed interface Fault {

  /** Authentication (any method) is answered only after this delay. */
  record SlowHandshake(Duration delay) implements Fault {
    public SlowHandshake {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /** Every authentication attempt fails, whatever the credentials. */
  record AuthFailure() implements Fault {}

  /**
   * At most {@code maxSessions} concurrent SSH connections (lowers the spec's vty lines); further
   * connections are closed by the server right after they are accepted.
   */
  record SessionLimit(int maxSessions) implements Fault {}

  /** A session answers {@code commands} commands; at the next one the connection is closed. */
  record DropAfterCommands(int commands) implements Fault {}

  /** Before each command, the connection is closed with this probability. */
  record DropRandomly(double probability) implements Fault {}

  /**
   * A session answers {@code afterCommands} commands (0: none), then stops answering: input is read
   * and ignored, nothing is written, the TCP connection stays open.
   */
  record Hang(int afterCommands) implements Fault {}

  /** Output is written in chunks of {@code chunkBytes} with {@code delay} between chunks. */
  record SlowOutput(int chunkBytes, Duration delay) implements Fault {}

  /**
   * With this probability a command's output is replaced by random bytes and no prompt follows (the
   * session stays open; the next line gets a prompt again).
   */
  record GarbageOutput(double probability) implements Fault {}

  /**
   * After the device has run {@code afterCommands} commands, its hostname becomes {@code hostname}.
   */
  record PromptChange(int afterCommands, String hostname) implements Fault {}

  /**
   * The device rejects every enable secret, whatever the credentials (as one whose enable secret
   * differs from the inventory's): {@code enable} asks for the password and answers as the platform
   * does on a wrong one (IOS and IOS-XE ask three times, then {@code % Bad secrets}; EOS {@code %
   * Access denied}), staying at the unprivileged prompt. Only shows on a device whose login lands
   * in user exec ({@link DeviceSpec#enableRequired()}).
   */
  record EnableRejected() implements Fault {}

  /**
   * The operator customised the prompt: every shell prompt is exactly {@code prompt}, whatever the
   * mode (for example {@code edge-7 (lab)$ }), so it matches none of the platform's usual prompts.
   */
  record CustomPrompt(String prompt) implements Fault {
    public CustomPrompt {
      if (prompt == null || prompt.isBlank() || prompt.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a custom prompt is one non-blank line: " + prompt);
      }
    }
  }

  /**
   * After the device has run {@code afterCommands} commands it reboots: all sessions drop and new
   * connections are refused for {@code downtime}.
   */
  record Reboot(int afterCommands, Duration downtime) implements Fault {}

  /**
   * The whole device stops answering once it has answered {@code afterCommands} commands in total
   * (all sessions, shell and exec; 0: at once), as a router whose control plane froze: open
   * sessions get no more output and the server stops reading them (no SSH replies at all, not even
   * to keepalives or channel requests; the TCP connections stay open), and the port still accepts
   * TCP connections but never sends the SSH identification. Fires once; ended by {@link
   * SimulatedDevice#clearFaults()} or {@link SimulatedDevice#reboot(Duration)}, which close the
   * silent connections and serve the port again.
   */
  record StopAnswering(int afterCommands) implements Fault {
    public StopAnswering {
      if (afterCommands < 0) {
        throw new IllegalArgumentException("afterCommands must be >= 0: " + afterCommands);
      }
    }
  }

  /**
   * A shell that received no input for {@code after} (any byte counts, a NUL too) while waiting at
   * its prompt is logged out, as a vty line's {@code exec-timeout} does: the device closes the
   * connection without a word. Counted by {@link SimulatedDevice#idleLogouts()}. Applies to shells
   * opened while the fault is set.
   */
  record IdleLogout(Duration after) implements Fault {
    public IdleLogout {
      Objects.requireNonNull(after, "after");
      if (after.isNegative() || after.isZero()) {
        throw new IllegalArgumentException("after must be positive: " + after);
      }
    }
  }

  static Fault idleLogout(Duration after) {
    return new IdleLogout(after);
  }

  static Fault slowHandshake(Duration delay) {
    return new SlowHandshake(delay);
  }

  static Fault authFailure() {
    return new AuthFailure();
  }

  static Fault sessionLimit(int maxSessions) {
    return new SessionLimit(maxSessions);
  }

  static Fault dropAfterCommands(int commands) {
    return new DropAfterCommands(commands);
  }

  static Fault dropRandomly(double probability) {
    return new DropRandomly(probability);
  }

  static Fault hang() {
    return new Hang(0);
  }

  static Fault hangAfter(int commands) {
    return new Hang(commands);
  }

  /** The device stops answering at once: see {@link StopAnswering}. */
  static Fault stopAnswering() {
    return new StopAnswering(0);
  }

  /**
   * The device stops answering after {@code commands} answered commands: see {@link StopAnswering}.
   */
  static Fault stopAnsweringAfter(int commands) {
    return new StopAnswering(commands);
  }

  static Fault slowOutput(int chunkBytes, Duration delay) {
    return new SlowOutput(chunkBytes, delay);
  }

  static Fault garbageOutput(double probability) {
    return new GarbageOutput(probability);
  }

  static Fault promptChange(int afterCommands, String hostname) {
    return new PromptChange(afterCommands, hostname);
  }

  static Fault enableRejected() {
    return new EnableRejected();
  }

  static Fault customPrompt(String prompt) {
    return new CustomPrompt(prompt);
  }

  static Fault reboot(int afterCommands, Duration downtime) {
    return new Reboot(afterCommands, downtime);
  }
}

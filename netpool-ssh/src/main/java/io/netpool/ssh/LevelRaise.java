package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.ssh.platform.PrivilegeLevel;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Raises the user's command level with the platform's {@code super} (Huawei VRP, H3C Comware),
 * whose prompt does not change: success is read from the device's answer ({@link
 * PrivilegeLevel#raiseAccepted()}). The password prompt is answered once with the enable secret; a
 * second one means it was wrong. Failures are {@link EnableFailedException}s that say what the
 * device answered (masked), never the secret.
 */
final class LevelRaise {
  private static final Pattern PASSWORD_PROMPT = Pattern.compile("(?i)password:\\s*$");

  private final Device device;
  private final ShellIo io;
  private final ShellPrompt prompts;

  LevelRaise(Device device, ShellIo io, ShellPrompt prompts) {
    this.device = device;
    this.io = io;
    this.prompts = prompts;
  }

  /**
   * Runs {@code super} as {@code policy} says at the shell's current level, by {@code deadline}.
   */
  void raise(PrivilegePolicy policy, long deadline) throws IOException {
    PrivilegeLevel level = prompts.level();
    if (level.raise() == null) {
      throw new EnableFailedException(
          "device "
              + device.id()
              + ": privilege: super, but level "
              + level.name()
              + " of this platform has no super command");
    }
    String command = policy.raiseCommand(level.raise());
    io.clearBuffer();
    io.write(command + "\n", false);
    io.readUntil(b -> ShellIo.echoEnd(b, command), deadline, "the echo of " + command, true);
    String out = io.readUntil(this::promptOrPassword, deadline, "the answer to " + command, true);
    if (PASSWORD_PROMPT.matcher(ShellIo.lastLine(out)).find()) {
      Secret secret = device.credentials() == null ? null : device.credentials().enableSecret();
      if (secret == null) {
        throw new EnableFailedException(
            "device "
                + device.id()
                + ": '"
                + command
                + "' asks for a password but the credentials have no enable secret");
      }
      io.clearBuffer();
      io.write(secret.reveal() + "\n", true);
      out =
          io.readUntil(this::promptOrPassword, deadline, "the answer to the super password", true);
      if (PASSWORD_PROMPT.matcher(ShellIo.lastLine(out)).find()) {
        throw new EnableFailedException(
            "device " + device.id() + ": the enable secret was rejected by '" + command + "'");
      }
    }
    if (!level.raiseAccepted().matcher(out).find()) {
      throw new EnableFailedException(
          "device "
              + device.id()
              + ": '"
              + command
              + "' did not raise the level; the device said '"
              + io.mask(body(out))
              + "'");
    }
    prompts.update(ShellIo.lastLine(out));
  }

  private int promptOrPassword(StringBuilder b) {
    String last = ShellIo.lastLine(b);
    return prompts.isPromptLine(last) || PASSWORD_PROMPT.matcher(last).find() ? b.length() : -1;
  }

  /** The answer without the prompt line, on one line, at most 160 characters. */
  private static String body(String out) {
    int nl = out.lastIndexOf('\n');
    String b = (nl < 0 ? "" : out.substring(0, nl)).strip().replaceAll("\\s*\\R\\s*", " / ");
    return b.isEmpty() ? "nothing" : b.length() > 160 ? b.substring(0, 160) : b;
  }
}

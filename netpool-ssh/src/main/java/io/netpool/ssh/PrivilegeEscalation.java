package io.netpool.ssh;

import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import io.netpool.ssh.platform.PlatformProfile;
import io.netpool.ssh.platform.PrivilegeLevel;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Walks a freshly opened shell from the level it landed at to the profile's default level: up with
 * each level's escalation command (answering its password prompt with the enable secret), down with
 * the de-escalation command. Any way of not getting there is an {@link EnableFailedException} whose
 * message says which step failed and what the device answered, never the secret.
 */
final class PrivilegeEscalation {

  /** Sends one command without a failure check; the prompt after it is recorded. */
  interface Commands {
    void send(String command, long deadline) throws IOException;
  }

  private final Device device;
  private final PlatformProfile profile;
  private final ShellIo io;
  private final ShellPrompt prompts;
  private final Commands commands;

  PrivilegeEscalation(
      Device device, PlatformProfile profile, ShellIo io, ShellPrompt prompts, Commands commands) {
    this.device = device;
    this.profile = profile;
    this.io = io;
    this.prompts = prompts;
    this.commands = commands;
  }

  /** Brings the shell to the default level by {@code deadline}. */
  void reachDefaultLevel(long deadline) throws IOException {
    PrivilegeLevel target = profile.defaultPrivilegeLevel();
    for (int step = 0; step < 2 * profile.privilegeLevels().size(); step++) {
      PrivilegeLevel level = prompts.level();
      if (level.name().equals(target.name())) {
        return;
      }
      List<PrivilegeLevel> up = profile.escalationPath(level, target);
      if (!up.isEmpty()) {
        escalate(up.get(0), deadline);
      } else if (level.deescalate() != null) {
        commands.send(level.deescalate(), deadline);
        if (prompts.level().name().equals(level.name())) {
          throw new EnableFailedException(
              "device "
                  + device.id()
                  + ": '"
                  + level.deescalate()
                  + "' did not leave "
                  + level.name());
        }
      } else {
        break;
      }
    }
    if (!prompts.level().name().equals(target.name())) {
      throw new EnableFailedException(
          "device "
              + device.id()
              + ": cannot reach privilege level "
              + target.name()
              + " from "
              + prompts.level().name());
    }
  }

  private void escalate(PrivilegeLevel next, long deadline) throws IOException {
    String from = prompts.level().name();
    io.clearBuffer();
    io.write(next.escalate() + "\n", false);
    io.readUntil(
        b -> ShellIo.echoEnd(b, next.escalate()), deadline, "the echo of " + next.escalate(), true);
    Pattern pw = next.escalatePrompt();
    String out =
        io.readUntil(
            b -> promptOrPassword(b, pw), deadline, "the prompt after " + next.escalate(), true);
    String last = ShellIo.lastLine(out);
    if (!prompts.isPromptLine(last)) {
      Secret secret = device.credentials() == null ? null : device.credentials().enableSecret();
      if (secret == null) {
        throw new EnableFailedException(
            "device "
                + device.id()
                + ": '"
                + next.escalate()
                + "' asks for a password but the credentials have no enable secret");
      }
      io.clearBuffer();
      io.write(secret.reveal() + "\n", true);
      out =
          io.readUntil(
              b -> promptOrPassword(b, pw), deadline, "the prompt after the enable secret", true);
      last = ShellIo.lastLine(out);
      if (!prompts.isPromptLine(last)) {
        throw new EnableFailedException(
            "device " + device.id() + ": the enable secret was rejected (asked again)");
      }
    }
    prompts.update(last);
    if (!prompts.level().name().equals(next.name())) {
      throw new EnableFailedException(
          "device "
              + device.id()
              + ": could not reach privilege level "
              + next.name()
              + " (still at "
              + from
              + "; the device said "
              + said(out)
              + "); check the enable secret");
    }
  }

  /** A scan that ends at a prompt or at the escalation's password prompt. */
  private int promptOrPassword(StringBuilder b, Pattern pw) {
    String last = ShellIo.lastLine(b);
    return prompts.isPromptLine(last) || (pw != null && pw.matcher(last).find()) ? b.length() : -1;
  }

  /** The device's answer before its prompt (for example {@code % Access denied}), masked. */
  private String said(String out) {
    int nl = out.lastIndexOf('\n');
    String body = nl < 0 ? "" : out.substring(0, nl).strip();
    if (body.isEmpty()) {
      return "nothing";
    }
    String lastLine = ShellIo.lastLine(body).strip();
    if (lastLine.length() > 120) {
      lastLine = lastLine.substring(0, 120);
    }
    return "'" + io.mask(lastLine) + "'";
  }
}

package io.netpool.ssh;

import io.netpool.pool.Credentials;
import io.netpool.pool.Device;
import io.netpool.pool.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The login dialog a Telnet server holds before its first CLI prompt: {@code Username:} (IOS, VRP,
 * Comware, EOS) or {@code login:} (Junos, Linux) is answered with the user name, {@code Password:}
 * with the password (hidden in the transcript). A device without login (a line with {@code no
 * login}) shows its CLI prompt at once and gets no credentials at all.
 *
 * <p>The login failed ({@link AuthenticationFailedException}, the device's words masked) when,
 * after the password, the device asks for the user name or the password again, or says so: {@code %
 * Authentication failed}, {@code % Login invalid}, {@code % Bad passwords}, {@code Login
 * incorrect}, {@code Username or password error}. The CLI prompt is left in the buffer for {@link
 * FirstPrompt}, which also judges a prompt that matches no level.
 */
final class TelnetLogin {
  /** How long the first login prompt may take before a Return asks for it. */
  static final Duration GRACE = FirstPrompt.GRACE;

  /**
   * How long the device may think about the password (a TACACS+ or RADIUS round trip) before the
   * dialog hands over to {@link FirstPrompt}, which waits on to the creation deadline.
   */
  static final Duration AUTH_WAIT = Duration.ofSeconds(10);

  static final Pattern USERNAME_PROMPT =
      Pattern.compile("(?:user ?name|login)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
  static final Pattern PASSWORD_PROMPT =
      Pattern.compile("pass(?:word|code)?\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
  static final Pattern LOGIN_FAILED =
      Pattern.compile(
          "%\\s*authentication failed|%\\s*login invalid|%\\s*bad passwords?|login incorrect"
              + "|authentication fail(?:ed|ure)|username or password (?:is )?(?:error|wrong"
              + "|invalid|incorrect)",
          Pattern.CASE_INSENSITIVE);

  private final Device device;
  private final ShellIo io;
  private final ShellPrompt prompts;

  private boolean sentUser;
  private boolean sentPassword;

  TelnetLogin(Device device, ShellIo io, ShellPrompt prompts) {
    this.device = device;
    this.io = io;
    this.prompts = prompts;
  }

  /** Logs in by {@code deadline}; returns once the CLI prompt is in the buffer (or may come). */
  void run(long deadline) throws IOException {
    boolean nudged = false;
    long grace = Math.min(deadline, System.nanoTime() + GRACE.toNanos());
    while (true) {
      String out;
      if (sentPassword) {
        long authWait = Math.min(deadline, System.nanoTime() + AUTH_WAIT.toNanos());
        out = io.readUntil(this::dialogEnd, authWait, "the answer to the password", false);
        if (out == null) {
          return; // no verdict yet: FirstPrompt waits for the prompt up to the deadline
        }
      } else if (!nudged) {
        out = io.readUntil(this::dialogEnd, grace, "the Telnet login prompt", false);
        if (out == null) {
          io.write("\n", false);
          nudged = true;
          continue;
        }
      } else {
        out = io.readUntil(this::dialogEnd, deadline, "the Telnet login prompt", true);
      }
      if (out.isEmpty()) {
        return; // the CLI prompt
      }
      answer(out);
    }
  }

  /**
   * A {@link ShellIo.Scan}: a login or password prompt (or, after the password, a failure message)
   * ends the read; a CLI prompt ends it without consuming anything, for {@link FirstPrompt}.
   */
  private int dialogEnd(StringBuilder b) {
    String last = ShellIo.lastLine(b);
    if (USERNAME_PROMPT.matcher(last).find() || PASSWORD_PROMPT.matcher(last).find()) {
      return b.length();
    }
    if (sentPassword && LOGIN_FAILED.matcher(b).find()) {
      return b.length();
    }
    return prompts.isPromptLine(last) ? 0 : -1;
  }

  private void answer(String out) throws IOException {
    if (sentPassword) {
      var failed = LOGIN_FAILED.matcher(out);
      if (failed.find()) {
        throw failed("the device said '" + io.mask(lineAround(out, failed.start())) + "'");
      }
    }
    String last = ShellIo.lastLine(out);
    Credentials creds = device.credentials();
    if (USERNAME_PROMPT.matcher(last).find()) {
      if (sentUser) {
        throw failed("the device asked for the user name again");
      }
      if (creds == null) {
        throw new AuthenticationFailedException(
            "device " + device.id() + ": the Telnet login asks for a user name; no credentials",
            null);
      }
      io.write(creds.username() + "\n", false);
      sentUser = true;
      return;
    }
    if (sentPassword) {
      throw failed("the device asked for the password again");
    }
    Secret password = creds == null ? null : creds.password();
    if (password == null) {
      throw new AuthenticationFailedException(
          "device "
              + device.id()
              + ": the Telnet login asks for a password and the credentials have none",
          null);
    }
    io.write(password.reveal() + "\n", true);
    sentPassword = true;
  }

  private AuthenticationFailedException failed(String why) {
    Credentials creds = device.credentials();
    String user = creds == null ? "" : " for user " + creds.username();
    return new AuthenticationFailedException(
        "device " + device.id() + ": Telnet login failed" + user + ": " + why, null);
  }

  /** The trimmed line of {@code text} that holds index {@code at}, at most 120 characters. */
  private static String lineAround(String text, int at) {
    int start = text.lastIndexOf('\n', at) + 1;
    int end = text.indexOf('\n', at);
    String line = text.substring(start, end < 0 ? text.length() : end).strip();
    return line.length() > 120 ? line.substring(0, 120) : line;
  }
}

package io.netpool.sim.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Arista EOS: {@code R1>} / {@code R1#}, IOS-like syntax ({@code ping [vrf V] <ip> repeat N timeout
 * S}) with Linux iputils output, {@code % Invalid input} errors.
 */
public final class AristaEos extends CiscoIos {

  AristaEos() {
    super(false);
  }

  /** EOS asks once: a wrong secret is {@code % Access denied} and the user prompt again. */
  @Override
  protected int enableAttempts() {
    return 1;
  }

  @Override
  protected String enableRejected() {
    return "% Access denied";
  }

  @Override
  protected int maxWidth() {
    return 32767;
  }

  @Override
  protected void invalid(CliContext ctx, Cmd c, int word) throws IOException {
    ctx.println("% Invalid input");
    ctx.exitStatus(1);
  }

  @Override
  protected void incomplete(CliContext ctx) throws IOException {
    ctx.println("% Incomplete command");
    ctx.exitStatus(1);
  }

  @Override
  protected void badAddress(CliContext ctx, String target) throws IOException {
    ctx.println("ping: unknown host " + target);
    ctx.exitStatus(1);
  }

  @Override
  protected int defaultSize() {
    return 72;
  }

  @Override
  protected String clock(CliContext ctx) {
    return java.time.format.DateTimeFormatter.ofPattern(
                "EEE MMM d HH:mm:ss yyyy", java.util.Locale.ROOT)
            .format(ctx.now())
        + "\nTimezone: UTC\nClock source: local";
  }

  @Override
  protected void renderPing(PingRequest r, CliContext ctx) throws IOException {
    LinuxHost.iputils(
        ctx,
        r.target(),
        r.count(),
        r.timeoutMs(),
        r.size(),
        Cmd.isIpv4(String.valueOf(r.source())) ? r.source() : null,
        true);
  }

  @Override
  protected String interfacesBrief(CliContext ctx) {
    return """
                                                                                     Address
        Interface         IP Address          Status       Protocol           MTU    Owner
        ----------------- ------------------- ------------ -------------- ---------- -------
        Management1       %s/24       up           up                1500
        Ethernet1         10.1.0.1/31         up           up                1500
        Ethernet2         10.2.0.1/31         up           up                1500
        """
        .formatted(ctx.managementIp());
  }

  @Override
  protected String version(CliContext ctx) {
    List<String> l = new ArrayList<>();
    l.add("Arista DCS-7050SX3-48YC8-R");
    l.add("Hardware version: 11.00");
    l.add("Serial number: JPE19331234");
    l.add("Hardware MAC address: 444c.a8a1.2b3c");
    l.add("System MAC address: 444c.a8a1.2b3c");
    l.add("");
    l.add("Software image version: 4.28.3M");
    l.add("Architecture: x86_64");
    l.add("Internal build version: 4.28.3M-28837868.4283M");
    l.add("Internal build ID: 0b1d4d2e-6c6f-4d1b-8c8e-1a2b3c4d5e6f");
    l.add("Image format version: 3.0");
    l.add("Image optimization: Strata-4GB");
    l.add("");
    l.add("Uptime: " + ciscoUptime(ctx.uptime()));
    l.add("Total memory: 8099732 kB");
    l.add("Free memory: 5210236 kB");
    l.add("");
    l.add("Installed extensions and licensed features:");
    for (int i = 0; i < 40; i++) {
      l.add(String.format("  feature-%02d            enabled     licensed", i));
    }
    return String.join("\n", l) + "\n";
  }
}

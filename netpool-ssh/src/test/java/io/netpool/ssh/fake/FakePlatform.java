package io.netpool.ssh.fake;

import java.util.List;
import java.util.Map;

/**
 * A scripted device for tests: prompts, paging, error text, ping output and a confirmation dialog
 * of one platform, close to what the real devices print.
 */
public record FakePlatform(
    String platform,
    String execPrompt,
    String privPrompt,
    boolean enableNeedsSecret,
    List<String> pagingOff,
    Map<String, String> otherOnOpen,
    String moreMarker,
    String moreErase,
    String errorOutput,
    String errorIndicator,
    String longCommand,
    String pingCommand,
    String pingOutput,
    String confirmCommand,
    String confirmQuestion,
    String confirmAnswer,
    String confirmDone,
    String clockCommand) {

  static final String CISCO_ERASE = "\b".repeat(9) + " ".repeat(9) + "\b".repeat(9);

  /** The prompt a session starts at. */
  public String startPrompt() {
    return execPrompt != null ? execPrompt : privPrompt;
  }

  public static final String IOSXE_PING =
      """
      Type escape sequence to abort.
      Sending 5, 100-byte ICMP Echos to 10.194.10.106, timeout is 2 seconds:
      !!!!!
      Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/1 ms""";

  public static final String IOSXR_PING =
      """
      Mon Dec 15 10:17:58.918 CST
      Type escape sequence to abort.
      Sending 5, 100-byte ICMP Echos to 123.123.123.123, timeout is 2 seconds:
      UUUUU
      Success rate is 0 percent (0/5)""";

  public static final String NXOS_PING =
      """
      PING 10.194.17.20 (10.194.17.20): 56 data bytes
      64 bytes from 10.194.17.20: icmp_seq=0 ttl=61 time=1.687 ms
      64 bytes from 10.194.17.20: icmp_seq=1 ttl=61 time=1.116 ms
      64 bytes from 10.194.17.20: icmp_seq=2 ttl=61 time=1.405 ms
      64 bytes from 10.194.17.20: icmp_seq=3 ttl=61 time=1.374 ms
      64 bytes from 10.194.17.20: icmp_seq=4 ttl=61 time=1.416 ms

      --- 10.194.17.20 ping statistics ---
      5 packets transmitted, 5 packets received, 0.00% packet loss
      round-trip min/avg/max = 1.116/1.399/1.687 ms""";

  public static final String VRP_PING =
      """
        PING 10.1.1.1: 56  data bytes, press CTRL_C to break
          Reply from 10.1.1.1: bytes=56 Sequence=1 ttl=255 time=1 ms
          Reply from 10.1.1.1: bytes=56 Sequence=2 ttl=255 time=1 ms
          Request time out
          Reply from 10.1.1.1: bytes=56 Sequence=4 ttl=255 time=2 ms
          Reply from 10.1.1.1: bytes=56 Sequence=5 ttl=255 time=1 ms

        --- 10.1.1.1 ping statistics ---
          5 packet(s) transmitted
          4 packet(s) received
          20.00% packet loss
          round-trip min/avg/max = 1/1/2 ms""";

  public static final String COMWARE_PING =
      """
      Ping 10.1.1.1 (10.1.1.1): 56 data bytes, press CTRL_C to break
      56 bytes from 10.1.1.1: icmp_seq=0 ttl=254 time=2.137 ms
      56 bytes from 10.1.1.1: icmp_seq=1 ttl=254 time=1.834 ms
      56 bytes from 10.1.1.1: icmp_seq=2 ttl=254 time=1.675 ms

      --- Ping statistics for 10.1.1.1 ---
      3 packet(s) transmitted, 3 packet(s) received, 0.0% packet loss
      round-trip min/avg/max/std-dev = 1.675/1.882/2.137/0.192 ms""";

  public static final String JUNOS_PING =
      """
      PING 10.0.0.2 (10.0.0.2): 56 data bytes
      64 bytes from 10.0.0.2: icmp_seq=0 ttl=64 time=0.981 ms
      64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.804 ms
      64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=0.799 ms

      --- 10.0.0.2 ping statistics ---
      3 packets transmitted, 3 packets received, 0% packet loss
      round-trip min/avg/max/stddev = 0.799/0.861/0.981/0.085 ms""";

  public static final String EOS_PING =
      """
      PING 10.0.0.9 (10.0.0.9) 72(100) bytes of data.
      80 bytes from 10.0.0.9: icmp_seq=1 ttl=64 time=0.121 ms
      80 bytes from 10.0.0.9: icmp_seq=2 ttl=64 time=0.088 ms

      --- 10.0.0.9 ping statistics ---
      2 packets transmitted, 2 received, 0% packet loss, time 1ms
      rtt min/avg/max/mdev = 0.088/0.104/0.121/0.016 ms, ipg/ewma 0.230/0.113 ms""";

  public static final String LINUX_PING =
      """
      PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.
      64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.045 ms
      64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.061 ms

      --- 10.0.0.1 ping statistics ---
      2 packets transmitted, 2 received, 0% packet loss, time 1001ms
      rtt min/avg/max/mdev = 0.045/0.053/0.061/0.008 ms""";

  private static final String CISCO_INVALID =
      "                 ^\n% Invalid input detected at '^' marker.";

  /** One scripted device per bundled platform. */
  public static final Map<String, FakePlatform> ALL =
      Map.of(
          "cisco_ios",
          new FakePlatform(
              "cisco_ios",
              "R1-core.lab>",
              "R1-core.lab#",
              true,
              List.of("terminal length 0"),
              Map.of("terminal width 512", ""),
              " --More-- ",
              CISCO_ERASE,
              CISCO_INVALID,
              "% Invalid input detected",
              "show running-config",
              "ping 10.194.10.106",
              IOSXE_PING,
              "clear counters",
              "Clear \"show interface\" counters on all interfaces [confirm]",
              "",
              "",
              "show clock"),
          "cisco_iosxe",
          new FakePlatform(
              "cisco_iosxe",
              "ZZB0000_DTT_05_OTV01>",
              "ZZB0000_DTT_05_OTV01#",
              true,
              List.of("terminal length 0"),
              Map.of("terminal width 512", ""),
              " --More-- ",
              CISCO_ERASE,
              CISCO_INVALID,
              "% Invalid input detected",
              "show running-config",
              "ping 10.194.10.106",
              IOSXE_PING,
              "clear counters",
              "Clear \"show interface\" counters on all interfaces [confirm]",
              "",
              "",
              "show clock"),
          "cisco_nxos",
          new FakePlatform(
              "cisco_nxos",
              null,
              "ZZB0000_DTT_05_SA17# ",
              false,
              List.of("terminal length 0"),
              Map.of("terminal width 511", ""),
              "--More--",
              CISCO_ERASE,
              "                 ^\n% Invalid command at '^' marker.",
              "% Invalid command at",
              "show running-config",
              "ping 10.194.17.20",
              NXOS_PING,
              "reload",
              "This command will reboot the system. (y/n)?  [n] ",
              "n",
              "",
              "show clock"),
          "cisco_iosxr",
          new FakePlatform(
              "cisco_iosxr",
              null,
              "RP/0/RSP0/CPU0:ZZA0000-SRB-WANPE#",
              false,
              List.of("terminal length 0"),
              Map.of("terminal width 512", ""),
              " --More-- ",
              CISCO_ERASE,
              CISCO_INVALID,
              "% Invalid input detected",
              "show running-config",
              "ping 123.123.123.123",
              IOSXR_PING,
              "clear counters",
              "Clear \"show interface\" counters on all interfaces [confirm]",
              "",
              "",
              "show clock"),
          "huawei_vrp",
          new FakePlatform(
              "huawei_vrp",
              "HRP_M<USG6000-fw1.bj>",
              null,
              false,
              List.of("screen-length 0 temporary"),
              Map.of(),
              "  ---- More ----",
              "\u001b[42D" + " ".repeat(42) + "\u001b[42D",
              "              ^\nError: Unrecognized command found at '^' position.",
              "Error: Unrecognized command",
              "display current-configuration",
              "ping -c 5 -t 2000 10.1.1.1",
              VRP_PING,
              "reset counters interface",
              "Warning: All interface statistics will be cleared. Continue? [Y/N]:",
              "y",
              "Info: Cleared.",
              "display clock"),
          "h3c_comware",
          new FakePlatform(
              "h3c_comware",
              "<H3C-S5560.lab-01>",
              null,
              false,
              List.of("screen-length disable"),
              Map.of(),
              "---- More ----",
              "\u001b[16D" + " ".repeat(16) + "\u001b[16D",
              "                   ^\n% Unrecognized command found at '^' position.",
              "% Unrecognized command",
              "display current-configuration",
              "ping -c 3 -t 2000 10.1.1.1",
              COMWARE_PING,
              "reset counters interface",
              "Confirm to clear the statistics of all interfaces? [Y/N]:",
              "y",
              "",
              "display clock"),
          "juniper_junos",
          new FakePlatform(
              "juniper_junos",
              "netops@mx-1.lab>",
              null,
              false,
              List.of("set cli screen-length 0"),
              Map.of(
                  "set cli screen-width 511", "Screen width set to 511",
                  "set cli complete-on-space off", "Disabling complete-on-space"),
              "---(more)---",
              "",
              "                    ^\nunknown command.",
              "unknown command",
              "show configuration",
              "ping 10.0.0.2 count 3",
              JUNOS_PING,
              "request system reboot",
              "Reboot the system ? [yes,no] (no) ",
              "no",
              "",
              "show system uptime"),
          "arista_eos",
          new FakePlatform(
              "arista_eos",
              "leaf-01.dc1>",
              "leaf-01.dc1#",
              false,
              List.of("terminal length 0"),
              Map.of("terminal width 32767", "Width set to 32767 columns."),
              " --More-- ",
              CISCO_ERASE,
              "% Invalid input",
              "% Invalid input",
              "show running-config",
              "ping 10.0.0.9 repeat 2",
              EOS_PING,
              "reload",
              "Proceed with reload? [confirm]",
              "",
              "",
              "show clock"),
          "linux",
          new FakePlatform(
              "linux",
              "netops@srv-1:~$ ",
              null,
              false,
              List.of("export PAGER=cat SYSTEMD_PAGER=cat"),
              Map.of(),
              null,
              "",
              "bash: frobnicate: command not found",
              "command not found",
              "cat /var/log/long.log",
              "ping -c 2 10.0.0.1",
              LINUX_PING,
              "rm -i /tmp/x",
              "rm: remove regular file '/tmp/x'? ",
              "y",
              "",
              "uptime"));

  /** 200 numbered lines, what {@link #longCommand} prints. */
  public static List<String> longOutput() {
    return java.util.stream.IntStream.rangeClosed(1, 200)
        .mapToObj(
            i -> String.format("line %03d interface GigabitEthernet0/%d description uplink", i, i))
        .toList();
  }
}

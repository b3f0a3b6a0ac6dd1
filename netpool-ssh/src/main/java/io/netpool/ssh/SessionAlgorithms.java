package io.netpool.ssh;

import io.netpool.ssh.platform.AlgorithmCategory;
import io.netpool.ssh.platform.AlgorithmList;
import io.netpool.ssh.platform.AlgorithmPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * The algorithm lists of one session: the client's secure defaults, widened by {@code
 * legacyAlgorithms} (the older switch, kept: SHA-1 key exchange, {@code ssh-rsa}, the CBC ciphers),
 * then changed per category by the device's {@link AlgorithmPolicy}. Also reads MINA's "Unable to
 * negotiate" failure into an {@link AlgorithmMismatchException}.
 */
final class SessionAlgorithms {
  private static final Pattern NEGOTIATION_FAILED =
      Pattern.compile(
          "Unable to negotiate key exchange for (.+?) \\(client: (.*) / server: (.*)\\)");

  private SessionAlgorithms() {}

  /** Installs the lists on {@code session} (before its key exchange starts). */
  static void apply(ClientSession session, boolean legacy, AlgorithmPolicy policy) {
    if (legacy) {
      session.setKeyExchangeFactories(legacyKex());
      session.setSignatureFactories(legacySignatures());
      session.setCipherFactories(legacyCiphers(session.getCipherFactories()));
    }
    for (AlgorithmList list : policy.lists().values()) {
      switch (list.category()) {
        case KEX ->
            session.setKeyExchangeFactories(
                changed(session.getKeyExchangeFactories(), list, SessionAlgorithms::kex));
        case CIPHERS ->
            session.setCipherFactories(
                changed(session.getCipherFactories(), list, BuiltinCiphers::fromFactoryName));
        case MACS ->
            session.setMacFactories(
                changed(session.getMacFactories(), list, BuiltinMacs::fromFactoryName));
        case HOST_KEY ->
            session.setSignatureFactories(
                changed(session.getSignatureFactories(), list, BuiltinSignatures::fromFactoryName));
      }
    }
  }

  /**
   * What {@code policy} adds beyond the client's defaults, per category key ("kex" -> names), for
   * the one INFO line per device; empty when it only narrows.
   */
  static Map<String, List<String>> beyondDefaults(
      org.apache.sshd.client.SshClient client, AlgorithmPolicy policy) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (AlgorithmCategory category : AlgorithmCategory.values()) {
      AlgorithmList list = policy.lists().get(category);
      if (list == null) {
        continue;
      }
      List<String> defaults =
          switch (list.category()) {
            case KEX -> NamedResource.getNameList(client.getKeyExchangeFactories());
            case CIPHERS -> NamedResource.getNameList(client.getCipherFactories());
            case MACS -> NamedResource.getNameList(client.getMacFactories());
            case HOST_KEY -> NamedResource.getNameList(client.getSignatureFactories());
          };
      List<String> extra = new ArrayList<>(list.names());
      extra.removeAll(defaults);
      if (!extra.isEmpty()) {
        out.put(list.category().key(), extra);
      }
    }
    return out;
  }

  /**
   * The negotiation failure in {@code error}'s cause chain as an {@link AlgorithmMismatchException}
   * for {@code who} ("device r1"), or null when the failure was something else.
   */
  static AlgorithmMismatchException mismatch(String who, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      Matcher m = t.getMessage() == null ? null : NEGOTIATION_FAILED.matcher(t.getMessage());
      if (m != null && m.find()) {
        String category = m.group(1);
        List<String> allowed = split(m.group(2));
        List<String> offered = split(m.group(3));
        return new AlgorithmMismatchException(
            who
                + ": no common "
                + category
                + ": the device offers "
                + String.join(",", offered)
                + "; netpool allows "
                + String.join(",", allowed)
                + " (to allow more: ssh_algorithms: "
                + configKey(category)
                + ": {add: [...]} on the device, or ssh: algorithms: in its platform profile)",
            category,
            offered,
            allowed,
            error);
      }
    }
    return null;
  }

  private static String configKey(String minaCategory) {
    if (minaCategory.startsWith("kex")) {
      return AlgorithmCategory.KEX.key();
    }
    if (minaCategory.contains("host key")) {
      return AlgorithmCategory.HOST_KEY.key();
    }
    if (minaCategory.startsWith("encryption")) {
      return AlgorithmCategory.CIPHERS.key();
    }
    if (minaCategory.startsWith("mac")) {
      return AlgorithmCategory.MACS.key();
    }
    return minaCategory;
  }

  private static List<String> split(String csv) {
    return csv.isBlank() ? List.of() : Arrays.asList(csv.strip().split(","));
  }

  /** {@code current} changed by {@code list}; a name not in {@code current} comes from MINA. */
  private static <T extends NamedResource> List<T> changed(
      List<T> current, AlgorithmList list, Function<String, ? extends T> builtin) {
    List<String> names = list.applyTo(NamedResource.getNameList(current));
    List<T> out = new ArrayList<>();
    for (String name : names) {
      T found = NamedResource.findByName(name, String.CASE_INSENSITIVE_ORDER, current);
      if (found == null) {
        found = builtin.apply(name);
      }
      if (found != null) {
        out.add(found);
      }
    }
    return out;
  }

  private static KeyExchangeFactory kex(String name) {
    BuiltinDHFactories f = BuiltinDHFactories.fromFactoryName(name);
    return f == null ? null : ClientBuilder.DH2KEX.apply(f);
  }

  // ---- the legacyAlgorithms switch (unchanged behaviour) -------------------------------------

  static List<NamedFactory<Signature>> modernSignatures() {
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

  /** CBC-mode ciphers: MINA offers them by default, OpenSSH's client has not since 7.6. */
  private static final List<BuiltinCiphers> CBC =
      List.of(
          BuiltinCiphers.aes128cbc,
          BuiltinCiphers.aes192cbc,
          BuiltinCiphers.aes256cbc,
          BuiltinCiphers.tripledescbc);

  /** The client's secure cipher defaults: MINA's without the CBC modes (as OpenSSH's client). */
  static List<NamedFactory<Cipher>> modernCiphers(List<NamedFactory<Cipher>> minaDefaults) {
    List<NamedFactory<Cipher>> list = new ArrayList<>(minaDefaults);
    list.removeAll(CBC);
    return list;
  }

  private static List<NamedFactory<Cipher>> legacyCiphers(List<NamedFactory<Cipher>> current) {
    List<NamedFactory<Cipher>> list = new ArrayList<>(current);
    for (BuiltinCiphers c : CBC) {
      if (c.isSupported() && !list.contains(c)) {
        list.add(c);
      }
    }
    return list;
  }
}

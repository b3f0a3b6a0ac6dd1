package io.netpool.monitor.zabbix;

import io.netpool.monitor.inventory.Field;
import io.netpool.monitor.inventory.FieldReader;
import io.netpool.monitor.inventory.Fields;
import io.netpool.monitor.inventory.ReadContext;
import io.netpool.monitor.inventory.SecretRef;
import io.netpool.monitor.inventory.Section;
import io.netpool.monitor.inventory.Values;
import io.netpool.monitor.inventory.YamlTree.Entry;
import io.netpool.monitor.inventory.YamlTree.MapNode;
import io.netpool.monitor.inventory.ZabbixEndpoint;
import io.netpool.monitor.zabbix.delivery.tls.PskKey;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls;
import io.netpool.monitor.zabbix.delivery.tls.TrapperTls.Connect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Reads {@code zabbix.sender.tls} and the {@code tls} of a proxy in {@code zabbix.sender.proxies}:
 * Zabbix's own sender TLS options (docs/zabbix.md, "TLS"). Checks at load time what Zabbix would
 * refuse: a PSK that is not 32..512 hex digits, missing or unreadable PEM files, a key that is not
 * a key or does not fit the certificate, a CRL of no configured CA or out of date, names that are
 * not distinguished names.
 */
final class TrapperTlsSection {

  static final Field<Connect> CONNECT =
      Field.of("connect", TrapperTlsSection.connect())
          .orElse(Connect.UNENCRYPTED)
          .help("`unencrypted`, `psk` or `cert` (Zabbix's `TLSConnect`)");
  static final Field<String> PSK_IDENTITY =
      Field.of("psk_identity", Fields.nonBlank())
          .docRequired("with `psk`")
          .help("PSK identity, as on the host or proxy in Zabbix (`TLSPSKIdentity`)");
  static final Field<SecretRef> PSK =
      Field.of("psk", Fields.secret())
          .docRequired("with `psk`")
          .help(
              "secret reference to the key: 32..512 hex digits, as in Zabbix's `TLSPSKFile`;"
                  + " read again at every connection");
  static final Field<Path> CA_FILE =
      Field.of("ca_file", file())
          .docRequired("with `cert`")
          .help("PEM CA certificate(s) the server certificate must chain to (`TLSCAFile`)");
  static final Field<Path> CRL_FILE =
      Field.of("crl_file", file())
          .docDefault("none")
          .help(
              "PEM certificate revocation list(s) of those CAs; a revoked server certificate is"
                  + " refused (`TLSCRLFile`)");
  static final Field<Path> CERT_FILE =
      Field.of("cert_file", file())
          .docRequired("with `cert`")
          .help("PEM certificate (and chain) of this sender (`TLSCertFile`)");
  static final Field<Path> KEY_FILE =
      Field.of("key_file", file())
          .docRequired("with `cert`")
          .help("its unencrypted PEM private key (`TLSKeyFile`)");
  static final Field<String> SERVER_CERT_ISSUER =
      Field.of("server_cert_issuer", distinguishedName())
          .docDefault("any")
          .help("required issuer of the server certificate, `CN=..,O=..` (`TLSServerCertIssuer`)");
  static final Field<String> SERVER_CERT_SUBJECT =
      Field.of("server_cert_subject", distinguishedName())
          .docDefault("any")
          .help(
              "required subject of the server certificate, RFC 4514 like Zabbix's"
                  + " `CN=Zabbix server,OU=Ops,O=Example` (`TLSServerCertSubject`)");

  /** {@code zabbix.sender.tls}, and a proxy's {@code tls}. */
  static final Section TLS =
      Section.of(
          CONNECT,
          PSK_IDENTITY,
          PSK,
          CA_FILE,
          CRL_FILE,
          CERT_FILE,
          KEY_FILE,
          SERVER_CERT_ISSUER,
          SERVER_CERT_SUBJECT);

  private static final List<Field<?>> PSK_FIELDS = List.of(PSK_IDENTITY, PSK);
  private static final List<Field<?>> CERT_FIELDS =
      List.of(CA_FILE, CRL_FILE, CERT_FILE, KEY_FILE, SERVER_CERT_ISSUER, SERVER_CERT_SUBJECT);

  /** Of a mode's fields, those it can do without. */
  private static final List<Field<?>> OPTIONAL =
      List.of(CRL_FILE, SERVER_CERT_ISSUER, SERVER_CERT_SUBJECT);

  private static final List<String> PROXY_KEYS = List.of("address", "tls");

  private TrapperTlsSection() {}

  /**
   * One proxy of {@code zabbix.sender.proxies}: {@code HOST[:PORT]}, or {@code {address:
   * HOST[:PORT], tls: {...}}}.
   *
   * @param address the trapper address
   * @param tls its own TLS, or null for {@code zabbix.sender.tls}
   */
  record Proxy(ZabbixEndpoint address, TrapperTls tls) {}

  /** Reads a proxy entry, in either form. */
  static FieldReader<Proxy> proxy() {
    return (node, path, ctx) -> {
      if (!(node instanceof MapNode m)) {
        ZabbixEndpoint ep = Fields.endpoint().read(node, path, ctx);
        return ep == null ? null : new Proxy(ep, null);
      }
      Fields.unknownKeys(m, PROXY_KEYS, path, ctx);
      Entry a = m.entries().get("address");
      if (a == null || Fields.isNull(a.value())) {
        ctx.problem(m.mark(), path + ".address", "missing required field 'address'");
        return null;
      }
      ZabbixEndpoint ep = Fields.endpoint().read(a.value(), path + ".address", ctx);
      Entry t = m.entries().get("tls");
      boolean hasTls = t != null && !Fields.isNull(t.value());
      TrapperTls tls = hasTls ? reader().read(t.value(), path + ".tls", ctx) : null;
      return ep == null || (hasTls && tls == null) ? null : new Proxy(ep, tls);
    };
  }

  /** Reads a {@code tls} mapping, then the rules between its fields. */
  static FieldReader<TrapperTls> reader() {
    return (node, path, ctx) -> {
      if (!(node instanceof MapNode m)) {
        ctx.problem(
            node.mark(),
            path,
            "expected a mapping with 'connect' and its fields, got " + node.kind());
        return null;
      }
      int before = ctx.problems().errorCount();
      Values v = TLS.read(m, path, Values.none(), ctx);
      if (!v.ok() || ctx.problems().errorCount() != before) {
        return null;
      }
      Connect connect = v.get(CONNECT);
      List<Field<?>> own =
          switch (connect) {
            case PSK -> PSK_FIELDS;
            case CERT -> CERT_FIELDS;
            case UNENCRYPTED -> List.of();
          };
      boolean ok = true;
      for (Field<?> f : TLS.fields()) {
        if (f != CONNECT && v.isSet(f) && !own.contains(f)) {
          ctx.problem(
              m.entries().get(f.key()).keyMark(),
              path + "." + f.key(),
              "'" + f.key() + "' is not used with connect: " + connect.yamlName());
          ok = false;
        }
      }
      for (Field<?> f : own) {
        if (!v.isSet(f) && !OPTIONAL.contains(f)) {
          ctx.problem(
              m.mark(),
              path + "." + f.key(),
              "connect: " + connect.yamlName() + " needs '" + f.key() + "'");
          ok = false;
        }
      }
      if (!ok) {
        return null;
      }
      return switch (connect) {
        case UNENCRYPTED -> TrapperTls.UNENCRYPTED;
        case PSK -> psk(v, m, path, ctx);
        case CERT -> cert(v, m, path, ctx);
      };
    };
  }

  private static TrapperTls psk(Values v, MapNode m, String path, ReadContext ctx) {
    String identity = v.get(PSK_IDENTITY);
    boolean ok = true;
    if (identity.getBytes(StandardCharsets.UTF_8).length > PskKey.MAX_IDENTITY_BYTES) {
      ctx.problem(
          m.entries().get(PSK_IDENTITY.key()).value().mark(),
          path + "." + PSK_IDENTITY.key(),
          "longer than " + PskKey.MAX_IDENTITY_BYTES + " bytes");
      ok = false;
    }
    SecretRef psk = v.get(PSK);
    try {
      // the value the loader saw (its environment), not this process's at a later time
      String hex =
          psk.kind() == SecretRef.Kind.ENV ? ctx.env(psk.reference()) : psk.toSecret().reveal();
      byte[] key = PskKey.parse(hex);
      Arrays.fill(key, (byte) 0);
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      ctx.problem(
          m.entries().get(PSK.key()).value().mark(),
          path + "." + PSK.key(),
          psk.describe() + ": " + e.getMessage());
      ok = false;
    }
    return ok ? TrapperTls.psk(identity, psk) : null;
  }

  private static TrapperTls cert(Values v, MapNode m, String path, ReadContext ctx) {
    TrapperTls tls =
        TrapperTls.cert(
            v.get(CA_FILE),
            v.get(CRL_FILE),
            v.get(CERT_FILE),
            v.get(KEY_FILE),
            v.get(SERVER_CERT_ISSUER),
            v.get(SERVER_CERT_SUBJECT));
    try {
      tls.check();
      return tls;
    } catch (IllegalArgumentException e) {
      ctx.problem(m.mark(), path, e.getMessage());
      return null;
    }
  }

  /** An RFC 4514 name, as Zabbix writes it: {@code CN=..,OU=..,O=..}. */
  private static FieldReader<String> distinguishedName() {
    return Fields.parsed(
        t -> {
          String name = t.strip();
          if (name.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
          }
          try {
            new X500Principal(name);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "'" + name + "' is not a distinguished name such as 'CN=Zabbix server,O=Example'");
          }
          return name;
        });
  }

  private static FieldReader<Connect> connect() {
    return Fields.parsed(
        t -> {
          try {
            return Connect.valueOf(t.strip().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + t + "' is not unencrypted, psk or cert");
          }
        });
  }

  /** A readable file (relative: to the file's folder). */
  private static FieldReader<Path> file() {
    return (node, path, ctx) -> {
      String t = Fields.text(node, path, ctx);
      if (t == null) {
        return null;
      }
      Path p = ctx.baseDir().resolve(t.strip()).normalize();
      if (!Files.isReadable(p)) {
        ctx.problem(node.mark(), path, "file " + p + " does not exist or is not readable");
        return null;
      }
      return p;
    };
  }
}

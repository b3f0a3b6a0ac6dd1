package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and keys made in the test with Bouncy Castle, written as PEM like Zabbix's. */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(1);

  /** A key pair with its certificate. */
  record Issued(KeyPair keys, X509Certificate cert) {
    Path writeCert(Path file) throws IOException {
      return pem(file, cert);
    }

    /** PKCS#8 {@code PRIVATE KEY}, as {@code openssl genpkey} writes it. */
    Path writeKey(Path file) throws IOException {
      String b64 =
          java.util.Base64.getMimeEncoder(
                  64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(keys.getPrivate().getEncoded());
      Files.writeString(
          file, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
      return file;
    }
  }

  private TestPki() {}

  static Issued ca(String dn) throws Exception {
    KeyPair k = keys();
    return new Issued(k, sign(dn, k, dn, k, true));
  }

  static Issued issue(Issued ca, String dn) throws Exception {
    KeyPair k = keys();
    return new Issued(
        k, sign(dn, k, ca.cert().getSubjectX500Principal().getName(), ca.keys(), false));
  }

  /** Encoded as OpenSSL and the JDK do: the RFC 4514 string's last part first. */
  private static X500Name name(String rfc4514) {
    return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc4514).getEncoded());
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(
      String dn, KeyPair subject, String issuerDn, KeyPair issuer, boolean ca) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name(issuerDn),
            BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            name(dn),
            subject.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static Path pem(Path file, Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    }
    Files.writeString(file, w.toString());
    return file;
  }
}

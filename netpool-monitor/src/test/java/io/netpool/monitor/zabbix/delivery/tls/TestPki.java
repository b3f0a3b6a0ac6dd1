package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates, keys and revocation lists made in the test with Bouncy Castle, written as PEM like
 * Zabbix's. EC keys by default; RSA where a real Zabbix (GnuTLS build: RSA suites only) takes part.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffffffffL);

  /** A key pair's algorithm and the signature it makes. */
  public enum KeyType {
    EC("EC", 256, "SHA256withECDSA"),
    RSA("RSA", 2048, "SHA256withRSA");

    private final String algorithm;
    private final int size;
    private final String signature;

    KeyType(String algorithm, int size, String signature) {
      this.algorithm = algorithm;
      this.size = size;
      this.signature = signature;
    }

    KeyPair generate() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      g.initialize(size);
      return g.generateKeyPair();
    }
  }

  /** A key pair with its certificate. */
  public record Issued(KeyPair keys, X509Certificate cert) {
    public Path writeCert(Path file) throws IOException {
      return pem(file, cert);
    }

    /** PKCS#8 {@code PRIVATE KEY}, as {@code openssl genpkey} writes it. */
    public Path writeKey(Path file) throws IOException {
      String b64 =
          java.util.Base64.getMimeEncoder(
                  64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(keys.getPrivate().getEncoded());
      Files.writeString(
          file, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
      return file;
    }

    /** Its RFC 4514 subject, as Zabbix writes it. */
    public String subject() {
      return cert.getSubjectX500Principal().getName();
    }

    KeyType keyType() {
      return keys.getPrivate().getAlgorithm().equals("RSA") ? KeyType.RSA : KeyType.EC;
    }
  }

  private TestPki() {}

  public static Issued ca(String dn) throws Exception {
    return ca(dn, KeyType.EC);
  }

  public static Issued ca(String dn, KeyType type) throws Exception {
    KeyPair k = type.generate();
    return new Issued(k, sign(name(dn), k, name(dn), k, true, validFor(Duration.ofDays(1)), type));
  }

  /** A CA made elsewhere (e.g. by openssl), from its PEM certificate and key. */
  public static Issued ca(Path certFile, Path keyFile) {
    X509Certificate cert = PemFiles.certificates(certFile).get(0);
    PrivateKey key = PemFiles.privateKey(keyFile);
    return new Issued(new KeyPair(cert.getPublicKey(), key), cert);
  }

  public static Issued issue(Issued ca, String dn) throws Exception {
    return issue(ca, dn, validFor(Duration.ofDays(1)));
  }

  /** A certificate valid from {@code validity[0]} to {@code validity[1]}, of the CA's key type. */
  public static Issued issue(Issued ca, String dn, Instant[] validity) throws Exception {
    KeyType type = ca.keyType();
    KeyPair k = type.generate();
    return new Issued(k, sign(name(dn), k, issuerName(ca), ca.keys(), false, validity, type));
  }

  /** From an hour ago to {@code length} from now. */
  public static Instant[] validFor(Duration length) {
    Instant now = Instant.now();
    return new Instant[] {now.minus(1, ChronoUnit.HOURS), now.plus(length)};
  }

  /**
   * A CRL of {@code ca} revoking {@code revoked}, next update at {@code nextUpdate}, written as
   * PEM.
   */
  public static Path crl(Path file, Issued ca, Instant nextUpdate, X509Certificate... revoked)
      throws Exception {
    Instant thisUpdate = nextUpdate.minus(2, ChronoUnit.DAYS);
    X509v2CRLBuilder b = new X509v2CRLBuilder(issuerName(ca), Date.from(thisUpdate));
    b.setNextUpdate(Date.from(nextUpdate));
    for (X509Certificate c : revoked) {
      b.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
    }
    X509CRL crl =
        new JcaX509CRLConverter()
            .getCRL(
                b.build(
                    new JcaContentSignerBuilder(ca.keyType().signature)
                        .build(ca.keys().getPrivate())));
    return pem(file, crl);
  }

  /** Encoded as OpenSSL and the JDK do: the RFC 4514 string's last part first. */
  private static X500Name name(String rfc4514) {
    return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc4514).getEncoded());
  }

  /** The CA's subject as encoded in its certificate: GnuTLS matches issuers byte for byte. */
  private static X500Name issuerName(Issued ca) {
    return X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
  }

  private static X509Certificate sign(
      X500Name dn,
      KeyPair subject,
      X500Name issuerDn,
      KeyPair issuer,
      boolean ca,
      Instant[] validity,
      KeyType type)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuerDn,
            BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(validity[0]),
            Date.from(validity[1]),
            dn,
            subject.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder(type.signature).build(issuer.getPrivate())));
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

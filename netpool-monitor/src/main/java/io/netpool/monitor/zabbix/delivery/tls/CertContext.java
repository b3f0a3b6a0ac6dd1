package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE context of a {@code cert} setting, from its PEM files: the CAs of {@code ca_file} as
 * trust anchors, the revocation lists of {@code crl_file} checked by PKIX, this sender's chain and
 * key. Checks what JSSE would otherwise pass over silently: a CRL of no configured CA, with a bad
 * signature, or out of date.
 */
final class CertContext {
  private static final char[] STORE_PASSWORD = "netpool".toCharArray(); // in-memory store only

  private CertContext() {}

  /**
   * Reads the files of {@code tls} and builds its context.
   *
   * @param now the time a CRL must still be current at
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static SSLContext of(TrapperTls tls, Instant now) {
    List<X509Certificate> cas = PemFiles.certificates(tls.caFile());
    List<X509CRL> crls = tls.crlFile() == null ? List.of() : PemFiles.crls(tls.crlFile());
    crls.forEach(crl -> checkCrl(crl, cas, tls, now));
    List<X509Certificate> chain = PemFiles.certificates(tls.certFile());
    PrivateKey key = PemFiles.privateKey(tls.keyFile());
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keyManagers(tls, chain, key).getKeyManagers(),
          new TrustManager[] {new ServerCertificateCheck(trustManager(cas, crls), tls)},
          null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyManagerFactory keyManagers(
      TrapperTls tls, List<X509Certificate> chain, PrivateKey key)
      throws GeneralSecurityException, IOException {
    KeyStore own = KeyStore.getInstance("PKCS12");
    own.load(null, null);
    try {
      if (!fits(key, chain.get(0).getPublicKey())) {
        throw new GeneralSecurityException("the key's signature does not verify");
      }
      own.setKeyEntry("own", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the key in " + tls.keyFile() + " does not fit the certificate " + tls.certFile(), e);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(own, STORE_PASSWORD);
    return kmf;
  }

  /**
   * Whether the certificate's public key verifies what the key signs: the key store does not check
   * it, and a mismatch would otherwise surface as an obscure handshake failure.
   */
  private static boolean fits(PrivateKey key, PublicKey publicKey) throws GeneralSecurityException {
    String family = family(key.getAlgorithm());
    if (!family.equals(family(publicKey.getAlgorithm()))) {
      return false;
    }
    String algorithm =
        switch (family) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> family;
          default -> null;
        };
    if (algorithm == null) {
      return true; // an unusual type: JSSE decides
    }
    byte[] probe = "netpool key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(probe);
    return verifier.verify(signature);
  }

  /** Providers name EC keys "EC" (the JDK) or "ECDSA" (Bouncy Castle, when registered). */
  private static String family(String keyAlgorithm) {
    return keyAlgorithm.equals("ECDSA") ? "EC" : keyAlgorithm;
  }

  /**
   * PKIX over the CAs; with CRLs, revocation is checked against them only (no OCSP, no download
   * from the certificate's distribution points: Zabbix uses its CRL file alone). A certificate
   * whose CA has no CRL in the file counts as not revoked, as in Zabbix (soft fail).
   */
  private static X509ExtendedTrustManager trustManager(
      List<X509Certificate> cas, List<X509CRL> crls) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      trust.setCertificateEntry("ca" + i, cas.get(i));
    }
    PKIXBuilderParameters params = new PKIXBuilderParameters(trust, new X509CertSelector());
    if (crls.isEmpty()) {
      params.setRevocationEnabled(false);
    } else {
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
      PKIXRevocationChecker revocation =
          (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
      revocation.setOptions(
          EnumSet.of(
              PKIXRevocationChecker.Option.PREFER_CRLS,
              PKIXRevocationChecker.Option.NO_FALLBACK,
              PKIXRevocationChecker.Option.SOFT_FAIL));
      params.addCertPathChecker(revocation);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(new CertPathTrustManagerParameters(params));
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** A CRL must come from a CA of ca_file and be current, or it could not vouch for anything. */
  private static void checkCrl(
      X509CRL crl, List<X509Certificate> cas, TrapperTls tls, Instant now) {
    String issuer = ServerCertificateCheck.dn(crl.getIssuerX500Principal());
    X509Certificate ca =
        cas.stream()
            .filter(c -> c.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        tls.crlFile()
                            + " holds a CRL of '"
                            + issuer
                            + "', which is not a CA of "
                            + tls.caFile()));
    try {
      crl.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the CRL of '" + issuer + "' in " + tls.crlFile() + " is not signed by that CA", e);
    }
    if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
      throw new IllegalArgumentException(
          "the CRL of '"
              + issuer
              + "' in "
              + tls.crlFile()
              + " is out of date since "
              + crl.getNextUpdate().toInstant()
              + " (its next update); an old CRL cannot vouch that a certificate is not revoked");
    }
  }
}

package io.netpool.monitor.zabbix.delivery.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files Zabbix uses: certificates (CA bundle, own chain), revocation lists and an
 * unencrypted key.
 */
public final class PemFiles {
  private PemFiles() {}

  /**
   * The certificates of a PEM file, in order.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static List<X509Certificate> certificates(Path file) {
    return read(
        file, "certificate", X509Certificate.class, CertificateFactory::generateCertificates);
  }

  /**
   * The certificate revocation lists of a PEM file ({@code X509 CRL} blocks), in order.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static List<X509CRL> crls(Path file) {
    return read(
        file, "certificate revocation list", X509CRL.class, CertificateFactory::generateCRLs);
  }

  /** How a certificate factory reads all objects of one kind from a stream. */
  private interface FactoryRead {
    Collection<?> read(CertificateFactory factory, InputStream in) throws GeneralSecurityException;
  }

  private static <T> List<T> read(Path file, String what, Class<T> type, FactoryRead objects) {
    try (InputStream in = Files.newInputStream(file)) {
      List<T> found =
          objects.read(CertificateFactory.getInstance("X.509"), in).stream()
              .map(type::cast)
              .toList();
      if (found.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM " + what);
      }
      return found;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + file + ": " + e.getClass().getSimpleName(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file + " is not a PEM " + what + " file: " + e.getMessage(), e);
    }
  }

  /**
   * The private key of a PEM file (PKCS#8 {@code PRIVATE KEY}, or {@code RSA}/{@code EC PRIVATE
   * KEY}).
   *
   * @throws IllegalArgumentException naming the file and what is wrong, never its content
   */
  public static PrivateKey privateKey(Path file) {
    try (Reader r = Files.newBufferedReader(file);
        PEMParser pem = new PEMParser(r)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (o instanceof PEMKeyPair kp) {
          return converter.getPrivateKey(kp.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new IllegalArgumentException(
              file + " holds an encrypted key; Zabbix and netpool need it unencrypted");
        }
      }
      throw new IllegalArgumentException(file + " holds no PEM private key");
    } catch (IOException e) {
      // PEMException messages quote no key material; still only the class name is shown
      throw new IllegalArgumentException(
          "cannot read the key in " + file + ": " + e.getClass().getSimpleName(), e);
    }
  }
}

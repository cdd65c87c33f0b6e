package ling.account.impl;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * The ES256 key pair that signs access tokens: from the configuration when given, else generated
 * on first start and kept in the data directory, so that no secret lives in the source.
 */
record SigningKeys(String privatePem, String publicPem) {

  static SigningKeys load(JsonObject auth, Path dataDir) throws IOException, GeneralSecurityException {
    String privatePem = auth.getString("privateKeyPem");
    String publicPem = auth.getString("publicKeyPem");
    if (privatePem != null && publicPem != null) {
      return new SigningKeys(privatePem, publicPem);
    }
    Path dir = dataDir.resolve("keys");
    Path privateFile = dir.resolve("access-token-es256.key.pem");
    Path publicFile = dir.resolve("access-token-es256.pub.pem");
    if (Files.exists(privateFile) && Files.exists(publicFile)) {
      return new SigningKeys(Files.readString(privateFile), Files.readString(publicFile));
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    SigningKeys keys = new SigningKeys(
        pem("PRIVATE KEY", pair.getPrivate().getEncoded()), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Files.createDirectories(dir);
    Files.writeString(privateFile, keys.privatePem(), StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: the data directory's own permissions apply
    }
    Files.writeString(publicFile, keys.publicPem(), StandardCharsets.US_ASCII);
    return keys;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}

package ling.account.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(19_456, 2, 1);

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("correct horse 🐴 电池");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(hasher.verify("correct horse 🐴 电池", hash));
    assertFalse(hasher.verify("correct horse 🐴 电", hash));
    assertFalse(hasher.verify("", hash));
  }

  @Test
  void saltsEveryHash() {
    assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
  }

  @Test
  void hashesMadeWithOtherParametersStillVerify() {
    String older = new PasswordHasher(8_192, 1, 1).hash("upgrade me");
    assertTrue(hasher.verify("upgrade me", older));
  }

  @Test
  void foreignOrDamagedHashesNeverVerify() {
    assertFalse(hasher.verify("x", "5f4dcc3b5aa765d61d8327deb882cf99"));
    assertFalse(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuv"));
    assertFalse(hasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"));
    assertFalse(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,q=1$c2FsdA$aGFzaA"));
    assertFalse(hasher.verify("x", "$argon2id$v=19$m=lots,t=2,p=1$c2FsdA$aGFzaA"));
    assertFalse(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$not*base64$aGFzaA"));
  }
}

package ling.client.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import ling.client.settings.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberedSignInTest {

  @Test
  void theRefreshTokenIsKeptForItsOwnerAloneAndCanBeForgotten(@TempDir Path dir) throws Exception {
    RememberedSignIn remembered = new RememberedSignIn(new Profile(dir));
    assertNull(remembered.load());
    remembered.save(new RememberedSignIn.Entry("http://127.0.0.1:8080", "alice", "token-1"));
    remembered.save(new RememberedSignIn.Entry("http://127.0.0.1:8080", "alice", "token-2"));
    assertEquals("token-2", remembered.load().refreshToken());
    Path file = dir.resolve(RememberedSignIn.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "no temporary file is left behind");
    }
    remembered.forget();
    assertNull(remembered.load());
    Files.writeString(file, "[]");
    assertNull(remembered.load());
  }
}

package ling.client.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The user's profile directory ({@code ~/.ling}, or the {@code ling.home} system property):
 * settings and the remembered sign-in live there, written whole and atomically.
 */
public final class Profile {

  private final Path dir;

  public Profile(Path dir) {
    this.dir = dir;
  }

  public static Profile ofUser() {
    String configured = System.getProperty("ling.home");
    return new Profile(configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".ling"));
  }

  public Path dir() {
    return dir;
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /**
   * Writes a file of the profile through a temporary file in the same directory, so that a crash
   * leaves the old or the new content; secret files are readable by their owner alone.
   */
  public void write(String name, String content, boolean secret) throws IOException {
    Files.createDirectories(dir);
    Path target = file(name);
    Path temporary = Files.createTempFile(dir, name, ".tmp");
    try {
      if (secret) {
        ownerOnly(temporary);
      }
      Files.writeString(temporary, content);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (secret) {
        ownerOnly(target);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  public String read(String name) throws IOException {
    Path path = file(name);
    return Files.exists(path) ? Files.readString(path) : null;
  }

  public void delete(String name) throws IOException {
    Files.deleteIfExists(file(name));
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the profile directory under the user's home is the user's alone already
      java.io.File file = path.toFile();
      file.setReadable(false, false);
      file.setReadable(true, true);
      file.setWritable(false, false);
      file.setWritable(true, true);
    }
  }
}

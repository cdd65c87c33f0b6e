package ling.client.files;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import ling.client.ui.Fx;
import ling.client.api.FileTransfers;
import ling.client.api.Models.FileRef;

/**
 * Images and files of messages: thumbnails fetched once and shared, full images in their own
 * window, and downloads to where the user chooses with their progress.
 */
public final class Attachments implements ling.client.ui.Pictures {

  private final FileTransfers files;
  /**
   * Thumbnails and avatars by URL and width, the most recently asked for kept: some 90
   * thumbnails of a chat's width (240 by 180), 16 MB of pixels.
   */
  private final KeptImages images = new KeptImages(PIXELS_KEPT);
  static final long PIXELS_KEPT = 4_000_000;
  private final Map<Long, DoubleProperty> downloads = new HashMap<>();
  /** Files of messages as they are on this machine, by file id. */
  private final Map<Long, java.util.concurrent.CompletableFuture<Path>> local = new HashMap<>();
  private Path copies;
  /** Where a file is saved: the user picks (replaceable, for tests and automation). */
  private Function<FileRef, Path> saveLocation = Attachments::askWhereToSave;
  private Window owner;

  public Attachments(FileTransfers files) {
    this.files = files;
  }

  public void setOwner(Window owner) {
    this.owner = owner;
  }

  public void setSaveLocation(Function<FileRef, Path> saveLocation) {
    this.saveLocation = saveLocation;
  }

  /** The image at a URL of the contract, loading in the background the first time. */
  public ObjectProperty<Image> image(String url) {
    return image(url, 0);
  }

  /**
   * The image decoded no wider than it is shown (0: as it is): a thumbnail in a chat or an avatar
   * holds the pixels it needs, not those of the picture it was made from.
   */
  @Override
  public ObjectProperty<Image> image(String url, double shownWidth) {
    return images.get(shownWidth > 0 ? url + "#" + (int) shownWidth : url, key -> {
      ObjectProperty<Image> image = new SimpleObjectProperty<>();
      Fx.whenDone(files.bytes(url), bytes -> image.set(decode(bytes, shownWidth)), err -> { });
      return image;
    });
  }

  /**
   * The picture decoded from its file's bytes, which are let go then: an image keeps the stream
   * it was made from for as long as it lives, and the file of a photo may weigh 50 MB.
   */
  static Image decode(byte[] bytes, double shownWidth) {
    LetGo source = new LetGo(bytes);
    Image image = new Image(source, shownWidth, 0, true, true);
    source.letGo();
    return image;
  }

  /** Bytes read from until the image is made (it is made at once), then dropped. */
  private static final class LetGo extends ByteArrayInputStream {

    LetGo(byte[] bytes) {
      super(bytes);
    }

    synchronized void letGo() {
      buf = new byte[0];
      pos = 0;
      count = 0;
      mark = 0;
    }
  }

  /**
   * The file on this machine: the one it was sent from here, or a copy fetched once into a
   * folder of its own that goes when the client ends (for videos, which play from a file).
   */
  public java.util.concurrent.CompletableFuture<Path> localCopy(FileRef file) {
    java.util.concurrent.CompletableFuture<Path> known = local.get(file.fileId());
    if (known != null && !known.isCompletedExceptionally()) {
      return known;
    }
    java.util.concurrent.CompletableFuture<Path> fetched;
    try {
      Path target = copies().resolve(file.fileId() + suffix(file.name()));
      target.toFile().deleteOnExit();
      fetched = files.download(file, target, p -> { }, new FileTransfers.Cancel());
    } catch (java.io.IOException e) {
      fetched = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    local.put(file.fileId(), fetched);
    return fetched;
  }

  /** A file just uploaded from this path: played from there, not fetched again. */
  public void sentFrom(long fileId, Path path) {
    local.put(fileId, java.util.concurrent.CompletableFuture.completedFuture(path));
  }

  private Path copies() throws java.io.IOException {
    if (copies == null) {
      copies = java.nio.file.Files.createTempDirectory("ling-media");
      copies.toFile().deleteOnExit();
    }
    return copies;
  }

  /** The name's extension, which media players go by; nothing else of the name is used in the path. */
  private static String suffix(String name) {
    int dot = name == null ? -1 : name.lastIndexOf('.');
    String suffix = dot < 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
    return suffix.matches("\\.[a-z0-9]{1,8}") ? suffix : ".bin";
  }

  /** A download's progress (-1 before it starts, 1 when saved). */
  public DoubleProperty progress(long fileId) {
    return downloads.computeIfAbsent(fileId, id -> new SimpleDoubleProperty(-1));
  }

  public void download(FileRef file) {
    Path target = saveLocation.apply(file);
    if (target == null) {
      return;
    }
    DoubleProperty progress = progress(file.fileId());
    progress.set(0);
    Fx.whenDone(files.download(file, target, p -> Fx.later(() -> progress.set(p)), new FileTransfers.Cancel()),
        saved -> progress.set(1), err -> progress.set(-1));
  }

  /** The full image in a viewer of its own, to zoom and move around in. */
  public void open(FileRef file) {
    new ImageViewer(owner, file.name(), image(file.url(), viewerWidth(file)), file.width() == null ? 800 : file.width(),
        file.height() == null ? 600 : file.height()).show();
  }

  /** The longest side a picture is decoded with for the viewer: a photo of 50 MB may hold far more pixels than the heap. */
  static final int VIEWER_SIDE = 4096;

  /** The width the viewer decodes a picture at: as it is (0) up to {@link #VIEWER_SIDE} a side, else shrunk to fit. */
  static double viewerWidth(FileRef file) {
    if (file.width() == null || file.height() == null || file.width() <= 0 || file.height() <= 0
        || Math.max(file.width(), file.height()) <= VIEWER_SIDE) {
      return 0;
    }
    return file.width() >= file.height() ? VIEWER_SIDE : Math.floor((double) file.width() * VIEWER_SIDE / file.height());
  }

  private static Path askWhereToSave(FileRef file) {
    FileChooser chooser = new FileChooser();
    chooser.setInitialFileName(file.name());
    java.io.File chosen = chooser.showSaveDialog(null);
    return chosen == null ? null : chosen.toPath();
  }
}

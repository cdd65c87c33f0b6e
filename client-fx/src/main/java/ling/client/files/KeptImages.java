package ling.client.files;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.image.Image;

/**
 * Decoded images by key, the most recently asked for kept up to a number of pixels in all: a
 * decoded picture costs its pixels (and as many again where the renderer keeps a copy), whatever
 * its file weighed, so scrolling back through thousands of pictures holds a screenful's worth of
 * dozens, not all of them. One dropped here lives on while a view still shows it.
 */
final class KeptImages {

  private final long pixelBudget;
  private final Map<String, Kept> images = new LinkedHashMap<>(64, 0.75f, true);
  /** Pixels of the loaded images kept; those still loading count once they are. */
  private long pixels;

  /** An image kept, and what counts its pixels as it loads (taken off when it is dropped). */
  private record Kept(ObjectProperty<Image> image, ChangeListener<Image> counter) {
  }

  KeptImages(long pixelBudget) {
    this.pixelBudget = pixelBudget;
  }

  /** The image under this key, made by {@code load} the first time (or again, once dropped). */
  ObjectProperty<Image> get(String key, Function<String, ObjectProperty<Image>> load) {
    Kept kept = images.get(key);
    if (kept != null) {
      return kept.image();
    }
    ObjectProperty<Image> made = load.apply(key);
    ChangeListener<Image> counter = (obs, was, now) -> {
      count(was, -1);
      count(now, 1);
      trim();
    };
    made.addListener(counter);
    images.put(key, new Kept(made, counter));
    count(made.get(), 1);
    trim();
    return made;
  }

  int size() {
    return images.size();
  }

  long pixels() {
    return pixels;
  }

  private void count(Image image, int sign) {
    if (image != null) {
      pixels += sign * (long) (image.getWidth() * image.getHeight());
    }
  }

  /** The least recently asked for go until the rest fit; the newest stays whatever its size. */
  private void trim() {
    Iterator<Kept> eldest = images.values().iterator();
    while (pixels > pixelBudget && images.size() > 1 && eldest.hasNext()) {
      Kept dropped = eldest.next();
      dropped.image().removeListener(dropped.counter());
      count(dropped.image().get(), -1);
      eldest.remove();
    }
  }
}

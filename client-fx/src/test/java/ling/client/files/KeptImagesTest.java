package ling.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** Decoded images kept by their pixels: the least recently asked for go first, a view keeps what it shows. */
@ExtendWith(ApplicationExtension.class)
class KeptImagesTest {

  private final List<String> loaded = new ArrayList<>();

  /** Each key's image is 100 by 100 pixels, there at once. */
  private ObjectProperty<Image> load(String key) {
    loaded.add(key);
    return new SimpleObjectProperty<>(new WritableImage(100, 100));
  }

  @Test
  void theLeastRecentlyAskedForGoOnceThePixelsAreOverBudget() {
    KeptImages kept = new KeptImages(30_000);
    ObjectProperty<Image> a = kept.get("a", this::load);
    kept.get("b", this::load);
    kept.get("c", this::load);
    assertEquals(3, kept.size());
    assertEquals(30_000, kept.pixels());
    // asked for again: the same, not loaded again, and now the most recent
    assertSame(a, kept.get("a", this::load));
    kept.get("d", this::load);
    assertEquals(3, kept.size(), "one went for the fourth");
    assertEquals(30_000, kept.pixels());
    assertEquals(List.of("a", "b", "c", "d"), loaded);
    // b was the least recently asked for: it is loaded anew, a and d are still there
    kept.get("b", this::load);
    kept.get("d", this::load);
    assertEquals(List.of("a", "b", "c", "d", "b"), loaded);
    assertNotSame(a, kept.get("c", this::load), "c went when b came back");
    assertEquals(List.of("a", "b", "c", "d", "b", "c"), loaded);
  }

  @Test
  void anImageCountsOnceItIsLoadedAndOneOverTheBudgetStaysAlone() {
    KeptImages kept = new KeptImages(25_000);
    ObjectProperty<Image> small = kept.get("small", this::load);
    ObjectProperty<Image> loading = new SimpleObjectProperty<>();
    assertSame(loading, kept.get("loading", key -> loading));
    assertEquals(10_000, kept.pixels(), "nothing yet for the one still loading");
    assertEquals(2, kept.size());

    loading.set(new WritableImage(200, 100));
    // 30,000 in all: the small one, asked for before, goes; the newest stays though over the budget
    assertEquals(1, kept.size());
    assertEquals(20_000, kept.pixels());
    // asked for again, the small one is loaded anew, and together they are over: the larger, asked
    // for before, goes
    assertNotSame(small, kept.get("small", this::load));
    assertEquals(1, kept.size());
    assertEquals(10_000, kept.pixels());

    // one alone over the budget is kept, as the newest
    KeptImages tight = new KeptImages(5_000);
    ObjectProperty<Image> big = tight.get("big", this::load);
    assertEquals(1, tight.size());
    assertSame(big, tight.get("big", this::load));
    tight.get("next", this::load);
    assertEquals(1, tight.size(), "the newest alone");
    assertEquals(10_000, tight.pixels());
  }

  @Test
  void aDroppedImageNoLongerCountsWhenItChanges() {
    KeptImages kept = new KeptImages(10_000);
    ObjectProperty<Image> first = kept.get("first", this::load);
    kept.get("second", this::load);
    assertEquals(1, kept.size());
    // the dropped one's view sets it again: the kept pixels are those of the second alone
    first.set(new WritableImage(50, 50));
    assertEquals(10_000, kept.pixels());
    assertEquals(1, kept.size());
  }
}

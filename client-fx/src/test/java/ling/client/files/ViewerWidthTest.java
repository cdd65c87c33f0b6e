package ling.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ling.client.api.Models.FileRef;
import org.junit.jupiter.api.Test;

/** The viewer decodes a picture as it is up to 4,096 pixels a side, and a larger one shrunk to fit. */
class ViewerWidthTest {

  @Test
  void picturesUpToTheSideAreDecodedAsTheyAreLargerOnesShrunkToFit() {
    assertEquals(0, Attachments.viewerWidth(picture(800, 600)), "as it is");
    assertEquals(0, Attachments.viewerWidth(picture(4096, 4096)), "as it is, at the limit");
    assertEquals(4096, Attachments.viewerWidth(picture(8000, 6000)), "wide: its width to the side");
    assertEquals(1024, Attachments.viewerWidth(picture(3000, 12000)), "tall: its height to the side");
    assertEquals(0, Attachments.viewerWidth(picture(null, null)), "of unknown size: as it is");
    assertEquals(0, Attachments.viewerWidth(picture(0, 5000)), "of no width: as it is");
  }

  private static FileRef picture(Integer width, Integer height) {
    return new FileRef(1, "photo.jpg", 1000, "image/jpeg", null, width, height, null, "/api/v1/files/1",
        "/api/v1/files/1/thumbnail");
  }
}

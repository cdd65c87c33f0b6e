package ling.client.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.image.Image;

/** Where pictures by URL come from: loaded in the background, decoded at about the width shown. */
public interface Pictures {
  ObservableValue<Image> image(String url, double shownWidth);
}

package ling.client.settings;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import ling.client.i18n.Texts;
import ling.client.ui.Themes;

/** Language and theme. The theme applies at once, the language from the next window on. */
public final class SettingsView extends GridPane {

  public SettingsView(Settings settings, Texts texts, Scene scene) {
    setId("settingsView");
    setHgap(12);
    setVgap(12);
    setStyle("-fx-padding: 16;");
    getStyleClass().add("form");

    ChoiceBox<String> language = new ChoiceBox<>();
    language.setId("language");
    language.getItems().addAll("", "en", "zh-CN");
    language.setConverter(converter(code -> code.isEmpty() ? texts.get("settings.language.system")
        : code.equals("en") ? "English" : "简体中文"));
    language.setValue(settings.language());
    language.valueProperty().addListener((obs, was, now) -> settings.setLanguage(now == null ? "" : now));

    ChoiceBox<String> theme = new ChoiceBox<>();
    theme.setId("theme");
    theme.getItems().addAll("light", "dark");
    theme.setConverter(converter(code -> texts.get("settings.theme." + code)));
    theme.setValue(settings.theme());
    theme.valueProperty().addListener((obs, was, now) -> {
      settings.setTheme(now);
      Themes.apply(scene, now);
    });

    add(new Label(texts.get("settings.language")), 0, 0);
    add(language, 1, 0);
    add(new Label(texts.get("settings.theme")), 0, 1);
    add(theme, 1, 1);
    add(new Label(texts.get("login.server")), 0, 2);
    add(new Label(settings.server()), 1, 2);
    Label note = new Label(texts.get("settings.restart"));
    note.getStyleClass().add("muted-text");
    add(note, 0, 3, 2, 1);
  }

  private static StringConverter<String> converter(java.util.function.Function<String, String> show) {
    return new StringConverter<>() {
      @Override
      public String toString(String code) {
        return code == null ? "" : show.apply(code);
      }

      @Override
      public String fromString(String text) {
        return text;
      }
    };
  }
}

package ling.client.settings;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;
import ling.client.call.MediaChoice;
import ling.client.i18n.Texts;
import ling.client.ui.Themes;

/**
 * Language, theme, and the camera, microphone and speaker for calls. The theme applies at once,
 * the language from the next window on, the devices from the next call.
 */
public final class SettingsView extends GridPane {

  public SettingsView(Settings settings, Texts texts, Scene scene,
                      java.util.concurrent.CompletableFuture<MediaChoice.Devices> devices) {
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
    ChoiceBox<Boolean> sendKey = new ChoiceBox<>();
    sendKey.setId("sendKey");
    sendKey.getItems().addAll(false, true);
    sendKey.setConverter(converter(ctrl -> texts.get(ctrl ? "settings.sendKey.ctrlEnter" : "settings.sendKey.enter")));
    sendKey.setValue(settings.ctrlEnterSends());
    sendKey.valueProperty().addListener((obs, was, now) -> settings.setCtrlEnterSends(Boolean.TRUE.equals(now)));
    add(new Label(texts.get("settings.sendKey")), 0, 8);
    add(sendKey, 1, 8);
    javafx.scene.control.CheckBox sound = new javafx.scene.control.CheckBox(texts.get("settings.messageSound"));
    sound.setId("messageSound");
    sound.setSelected(settings.messageSound());
    sound.selectedProperty().addListener((obs, was, now) -> settings.setMessageSound(now));
    add(sound, 1, 9);
    add(new Label(texts.get("login.server")), 0, 2);
    add(new Label(settings.server()), 1, 2);
    Label note = new Label(texts.get("settings.restart"));
    note.getStyleClass().add("muted-text");
    add(note, 0, 3, 2, 1);

    MediaChoice chosen = settings.mediaChoice();
    ChoiceBox<String> camera = device("camera", chosen.camera(), settings, texts);
    ChoiceBox<String> microphone = device("microphone", chosen.microphone(), settings, texts);
    ChoiceBox<String> speaker = device("speaker", chosen.speaker(), settings, texts);
    add(new Label(texts.get("settings.camera")), 0, 4);
    add(camera, 1, 4);
    add(new Label(texts.get("settings.microphone")), 0, 5);
    add(microphone, 1, 5);
    add(new Label(texts.get("settings.speaker")), 0, 6);
    add(speaker, 1, 6);
    Label devicesNote = new Label(texts.get("settings.devices.note"));
    devicesNote.getStyleClass().add("muted-text");
    add(devicesNote, 0, 7, 2, 1);
    devices.thenAccept(found -> Platform.runLater(() -> {
      offer(camera, found.cameras());
      offer(microphone, found.microphones());
      offer(speaker, found.speakers());
    }));
  }

  /**
   * A device chooser: "default" and, once they are found, the devices there are. A device chosen
   * before that is not plugged in now stays listed, so the choice is not lost.
   */
  private static ChoiceBox<String> device(String kind, String chosen, Settings settings, Texts texts) {
    ChoiceBox<String> box = new ChoiceBox<>();
    box.setId(kind + "Device");
    box.getItems().add("");
    if (!chosen.isEmpty()) {
      box.getItems().add(chosen);
    }
    box.setConverter(converter(name -> name.isEmpty() ? texts.get("settings.device.default") : name));
    box.setValue(chosen);
    box.valueProperty().addListener((obs, was, now) -> settings.setDevice(kind, now));
    return box;
  }

  private static void offer(ChoiceBox<String> box, java.util.List<String> names) {
    names.stream().filter(name -> !box.getItems().contains(name)).forEach(box.getItems()::add);
  }

  private static <T> StringConverter<T> converter(java.util.function.Function<T, String> show) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? "" : show.apply(value);
      }

      @Override
      public T fromString(String text) {
        // the boxes are not editable: nothing is typed to parse
        return null;
      }
    };
  }
}

package ling.client.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The interface's icons, from Material Design Icons (Ikonli's pack): one place that names them,
 * so that the same action has the same picture everywhere. Their colour comes from the theme.
 */
public final class Icons {

  public static final String CHATS = "mdi2m-message-text-outline";
  public static final String CONTACTS = "mdi2a-account-multiple-outline";
  public static final String DEVICES = "mdi2c-cellphone-link";
  public static final String SETTINGS = "mdi2c-cog-outline";
  public static final String SIGN_OUT = "mdi2l-logout";
  public static final String EMOJI = "mdi2e-emoticon-happy-outline";
  public static final String IMAGE = "mdi2i-image-outline";
  public static final String FILE = "mdi2p-paperclip";
  public static final String VOICE_CALL = "mdi2p-phone-outline";
  public static final String VIDEO_CALL = "mdi2v-video-outline";
  public static final String HISTORY = "mdi2h-history";
  public static final String SEARCH = "mdi2m-magnify";
  public static final String INFO = "mdi2i-information-outline";
  public static final String SEND = "mdi2s-send";
  public static final String CHAT = "mdi2c-chat-outline";
  public static final String REMOVE = "mdi2a-account-remove-outline";
  public static final String ADD_FRIEND = "mdi2a-account-plus-outline";
  public static final String REQUESTED = "mdi2a-account-clock-outline";
  public static final String IS_FRIEND = "mdi2a-account-check-outline";
  public static final String NEW_FOLDER = "mdi2f-folder-plus-outline";
  public static final String RENAME_FOLDER = "mdi2f-folder-edit-outline";
  public static final String DELETE_FOLDER = "mdi2f-folder-remove-outline";
  public static final String MAKE_ADMIN = "mdi2c-crown-outline";
  public static final String REMOVE_MEMBER = "mdi2a-account-cancel-outline";
  public static final String PLAY = "mdi2p-play";
  public static final String PAUSE = "mdi2p-pause";
  public static final String MICROPHONE = "mdi2m-microphone";
  public static final String MICROPHONE_OFF = "mdi2m-microphone-off";
  public static final String CAMERA_OFF = "mdi2v-video-off-outline";
  public static final String HANG_UP = "mdi2p-phone-hangup";

  private Icons() {
  }

  public static FontIcon icon(String literal, int size) {
    FontIcon icon = new FontIcon(literal);
    icon.setIconSize(size);
    icon.getStyleClass().add("icon");
    return icon;
  }

  /** Another picture and tooltip for the same button, as what it does changes. */
  public static void change(Button button, String literal, String tooltip) {
    button.setGraphic(icon(literal, 20));
    button.getTooltip().setText(tooltip);
    button.setAccessibleText(tooltip);
  }

  /** A flat button showing only an icon; what it does is its tooltip (and what a screen reader says). */
  public static Button button(String id, String literal, String tooltip) {
    Button button = new Button();
    button.setId(id);
    button.setGraphic(icon(literal, 20));
    button.getStyleClass().add("icon-button");
    button.setTooltip(new Tooltip(tooltip));
    button.setAccessibleText(tooltip);
    button.setFocusTraversable(false);
    return button;
  }
}

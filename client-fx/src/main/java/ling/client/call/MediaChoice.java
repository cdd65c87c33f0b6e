package ling.client.call;

import java.util.List;

/**
 * The camera, microphone and speaker chosen in the settings, by name; an empty name is the
 * system's default (for the camera, the first one).
 */
public record MediaChoice(String camera, String microphone, String speaker) {

  public static final MediaChoice DEFAULTS = new MediaChoice("", "", "");

  /** The devices there are to choose from, by name. */
  public record Devices(List<String> cameras, List<String> microphones, List<String> speakers) {
  }
}

package ling.client.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmojiIndexTest {

  private final EmojiIndex index = EmojiIndex.bundled();

  @Test
  void textIsCutIntoPlainRunsAndTheLongestEmojiSequences() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man, woman, girl joined
    String thumbsMedium = "\uD83D\uDC4D\uD83C\uDFFD";
    String flag = "\uD83C\uDDE8\uD83C\uDDF3";
    List<EmojiIndex.Run> runs = index.split("Hi \uD83D\uDE00" + thumbsMedium + " 你好 " + family + flag + "!");
    assertEquals(List.of("Hi ", "\uD83D\uDE00", thumbsMedium, " 你好 ", family, flag, "!"),
        runs.stream().map(EmojiIndex.Run::text).toList());
    assertEquals(List.of(false, true, true, false, true, true, false),
        runs.stream().map(EmojiIndex.Run::isEmoji).toList());
  }

  @Test
  void aHeartWithItsVariationSelectorIsOneEmojiAndPlainSymbolsStayText() {
    List<EmojiIndex.Run> runs = index.split("I \u2764\uFE0F #1");
    assertEquals(List.of("I ", "\u2764\uFE0F", " #1"), runs.stream().map(EmojiIndex.Run::text).toList());
    assertTrue(runs.get(1).isEmoji());
    assertEquals(List.of(), index.split(""));
  }

  @Test
  void thePickerHasTheCategoriesInUnicodeOrder() {
    var categories = index.categories();
    assertEquals("Smileys & Emotion", categories.keySet().iterator().next());
    assertEquals("\uD83D\uDE00", categories.get("Smileys & Emotion").get(0).text());
    assertTrue(categories.values().stream().mapToInt(List::size).sum() > 1500);
  }
}

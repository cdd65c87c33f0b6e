package ling.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import ling.client.api.Models.Conversation;
import org.junit.jupiter.api.Test;

/** The contract may grow: fields the client does not know are skipped, absent ones are null. */
class WireTest {

  @Test
  void unknownFieldsAreSkippedInObjectsAndLists() {
    String json = "[{\"id\":3,\"type\":\"direct\",\"somethingNew\":{\"a\":1},\"lastMessage\":{\"id\":9,\"kind\":\"file\","
        + "\"file\":{\"fileId\":4,\"name\":\"a.bin\",\"size\":10,\"sha256\":\"ab\",\"future\":true}},\"unreadCount\":2}]";
    List<Conversation> list = Wire.readList(Wire.tree(json), Conversation.class);
    assertEquals(3, list.get(0).id());
    assertEquals("a.bin", list.get(0).lastMessage().file().name());
    assertEquals(2, list.get(0).unreadCount());
    assertNull(list.get(0).peer());
    assertEquals(9, Wire.read(Wire.tree(json).get(0).get("lastMessage"), Models.Message.class).id());
  }
}

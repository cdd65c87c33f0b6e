package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/** A server without an assistant backend: no assistant anywhere, and its username still reserved. */
class NoAssistantTest extends SharedStackTest {

  @Test
  void withoutABackendThereIsNoAssistantToTalkToOrSummariseWith() {
    Session ann = api.register("na");
    Session bo = api.register("na");
    long pair = api.befriend(ann, bo);

    Reply status = api.get("/assistant", ann.bearer());
    assertEquals(404, status.status(), status.text());
    assertEquals("not_found", status.errorCode());
    Reply summary = api.post("/conversations/" + pair + "/summary", ann.bearer(), null);
    assertEquals(404, summary.status(), summary.text());
    assertEquals(1, api.get("/friends", ann.bearer()).array().size(), "only the one friend made");
    assertEquals(1, api.get("/conversations", ann.bearer()).array().size(), "only the one conversation");
    assertEquals(401, api.get("/assistant", null).status(), "and the route still wants a token");
  }

  @Test
  void theAssistantsUsernameCannotBeRegisteredInAnyCase() {
    for (String name : new String[] {"assistant", "Assistant", "ASSISTANT"}) {
      Reply taken = api.post("/auth/register", new JsonObject().put("username", name).put("password", "a long password"));
      assertEquals(409, taken.status(), name + ": " + taken.text());
      assertEquals("username_taken", taken.errorCode());
    }
    Reply near = api.post("/auth/register", new JsonObject().put("username", "assistant2")
        .put("password", "a long password"));
    assertTrue(near.status() == 201 || near.status() == 409, near.text());
  }
}

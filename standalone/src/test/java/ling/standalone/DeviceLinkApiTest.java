package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class DeviceLinkApiTest extends SharedStackTest {

  @Test
  void aSignedInUserApprovesTheCodeAndTheNewDeviceCollectsItsTokensOnce() {
    Session phone = api.register("phone");
    Reply created = api.post("/auth/device-link", null);
    assertEquals(201, created.status(), created.text());
    long linkId = created.json().getLong("linkId");
    String code = created.json().getString("code");
    assertTrue(code.matches("[A-Z2-9]{8}"), code);
    assertTrue(created.json().getInteger("expiresIn") > 0);

    Reply pending = api.get("/auth/device-link/" + linkId, null);
    assertEquals(202, pending.status());
    assertEquals("pending", pending.json().getString("status"));

    // approval accepts the code typed loosely (lower case, with a dash)
    String typed = (code.substring(0, 4) + "-" + code.substring(4)).toLowerCase();
    assertEquals(204, api.post("/auth/device-link/approve", phone.bearer(), new JsonObject().put("code", typed)).status());

    Reply approved = api.get("/auth/device-link/" + linkId, null);
    assertEquals(200, approved.status());
    JsonObject auth = approved.json();
    assertEquals(phone.id(), auth.getJsonObject("user").getLong("id"));
    assertNotEquals(phone.refreshToken(), auth.getString("refreshToken"));
    assertEquals(phone.id(), api.get("/me", "Bearer " + auth.getString("accessToken")).json().getLong("id"));

    Reply again = api.get("/auth/device-link/" + linkId, null);
    assertEquals(410, again.status());
    assertEquals("link_expired", again.errorCode());
    // and the code cannot be approved a second time
    assertEquals(404, api.post("/auth/device-link/approve", phone.bearer(), new JsonObject().put("code", code)).status());
  }

  @Test
  void approvalNeedsASignedInUserAndAWellFormedLiveCode() {
    Session s = api.register("appr");
    Reply created = api.post("/auth/device-link", null);
    String code = created.json().getString("code");
    assertEquals(401, api.post("/auth/device-link/approve", null, new JsonObject().put("code", code)).status());
    assertEquals(400, api.post("/auth/device-link/approve", s.bearer(), new JsonObject().put("code", "ab")).status());
    assertEquals(400, api.post("/auth/device-link/approve", s.bearer(), new JsonObject().put("code", "0O1IL0O1"))
        .status());
    assertEquals(400, api.post("/auth/device-link/approve", s.bearer(), new JsonObject()).status());
    String other = code.equals("ZZZZZZZZ") ? "YYYYYYYY" : "ZZZZZZZZ";
    assertEquals(404, api.post("/auth/device-link/approve", s.bearer(), new JsonObject().put("code", other)).status());
    // the refused attempts did not touch the real link
    assertEquals(202, api.get("/auth/device-link/" + created.json().getLong("linkId"), null).status());
  }

  @Test
  void pollingAnUnknownOrMalformedLinkIsRefused() {
    assertEquals(404, api.get("/auth/device-link/12345", null).status());
    assertEquals(400, api.get("/auth/device-link/abc", null).status());
    assertEquals(400, api.get("/auth/device-link/0", null).status());
  }

  @Test
  void anExpiredLinkAnswers410() throws Exception {
    try (TestStack shortLived = TestStack.start(c -> c.getJsonObject("auth").put("deviceLinkSeconds", 1));
         Api local = new Api(shortLived.vertx, shortLived.port)) {
      Session s = local.register("exp");
      JsonObject link = local.post("/auth/device-link", null).json();
      Thread.sleep(1_500);
      assertEquals(404, local.post("/auth/device-link/approve", s.bearer(),
          new JsonObject().put("code", link.getString("code"))).status());
      assertEquals(410, local.get("/auth/device-link/" + link.getLong("linkId"), null).status());
    }
  }
}

package ling.gateway.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.serviceproxy.ServiceException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import ling.api.Failures;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.api.file.FileService;
import ling.api.media.MediaSignalingService;
import org.junit.jupiter.api.Test;

/** Failure codes from services to the API's error bodies, in the one place they are mapped. */
class ApiErrorTest {

  /** Every code a service declares reaches clients as what it means, not as a 500. */
  @Test
  void everyDeclaredFailureCodeHasANameAndAStatus() throws Exception {
    List<String> unmapped = new ArrayList<>();
    for (Class<?> declaring : List.of(Failures.class, AccountService.class, ChatService.class, FileService.class,
        MediaSignalingService.class)) {
      for (Field field : declaring.getDeclaredFields()) {
        if (field.getType() != int.class || !Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        int code = field.getInt(null);
        if (!ApiError.codes().containsKey(code)) {
          unmapped.add(declaring.getSimpleName() + "." + field.getName());
          continue;
        }
        if (code == Failures.INTERNAL) {
          continue;
        }
        ApiError error = ApiError.fromService(new ServiceException(code, "why"));
        assertNotNull(error, field.getName());
        int status = code >= 10_000 ? code / 100 : code;
        assertEquals(status, error.status(), field.getName());
        assertTrue(status >= 400 && status < 600, field.getName());
      }
    }
    assertEquals(List.of(), unmapped, "codes without an API name would reach clients as 500");
  }

  @Test
  void aSendThatFoundNoOwnerForLongIsAnOutageToTryAgain() {
    ApiError error = ApiError.fromService(new ServiceException(ChatService.NOT_OWNER, "moving"));
    assertEquals(503, error.status());
    assertEquals("unavailable", error.code());
  }

  @Test
  void internalFailuresAndUnknownCodesAreNotShown() {
    assertNull(ApiError.fromService(new ServiceException(Failures.INTERNAL, "a stack trace, say")));
    assertNull(ApiError.fromService(new ServiceException(12345, "unknown")));
    assertNull(ApiError.fromService(new IllegalStateException("a bug")));
  }
}

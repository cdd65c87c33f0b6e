package ling.gateway.impl;

import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.Map;
import ling.api.Failures;
import ling.api.account.AccountService;
import ling.api.assistant.AssistantService;
import ling.api.chat.ChatService;
import ling.api.media.MediaSignalingService;

/**
 * The one place where failures become the contract's error body: an HTTP status and a snake_case
 * code. Service failure codes map by the table below; anything unknown is a 500 whose details
 * stay in the log.
 */
public record ApiError(int status, String code, String message) {

  private static final Map<Integer, String> CODES = Map.ofEntries(
      Map.entry(Failures.INVALID_REQUEST, "invalid_request"),
      Map.entry(Failures.UNAUTHORIZED, "unauthorized"),
      Map.entry(Failures.FORBIDDEN, "forbidden"),
      Map.entry(Failures.NOT_FOUND, "not_found"),
      Map.entry(405, "method_not_allowed"),
      Map.entry(Failures.CONFLICT, "conflict"),
      Map.entry(Failures.GONE, "gone"),
      Map.entry(Failures.TOO_LARGE, "too_large"),
      Map.entry(415, "unsupported_media_type"),
      Map.entry(Failures.RATE_LIMITED, "rate_limited"),
      Map.entry(Failures.INTERNAL, "internal"),
      Map.entry(Failures.UNAVAILABLE, "unavailable"),
      Map.entry(AccountService.INVALID_CREDENTIALS, "invalid_credentials"),
      Map.entry(AccountService.INVALID_TOKEN, "invalid_token"),
      Map.entry(AccountService.INVALID_CODE, "invalid_code"),
      Map.entry(AccountService.WRONG_PASSWORD, "wrong_password"),
      Map.entry(AccountService.USERNAME_TAKEN, "username_taken"),
      Map.entry(AccountService.LINK_EXPIRED, "link_expired"),
      Map.entry(AccountService.SELF_REQUEST, "self_request"),
      Map.entry(AccountService.ALREADY_FRIENDS, "already_friends"),
      Map.entry(AccountService.REQUEST_PENDING, "request_pending"),
      Map.entry(AccountService.REQUEST_CLOSED, "request_closed"),
      Map.entry(AccountService.FOLDER_EXISTS, "folder_exists"),
      Map.entry(AccountService.DEFAULT_FOLDER, "default_folder"),
      Map.entry(AccountService.ALREADY_MEMBER, "already_member"),
      Map.entry(AccountService.GROUP_FULL, "group_full"),
      Map.entry(AccountService.OWNER_CANNOT_LEAVE, "owner_cannot_leave"),
      Map.entry(ChatService.CONVERSATION_CLOSED, "conversation_closed"),
      Map.entry(ChatService.RECALL_EXPIRED, "recall_expired"),
      Map.entry(MediaSignalingService.BUSY, "busy"),
      Map.entry(MediaSignalingService.OFFLINE, "offline"),
      Map.entry(MediaSignalingService.CALL_FULL, "call_full"),
      Map.entry(MediaSignalingService.ANSWERED_ELSEWHERE, "answered_elsewhere"),
      Map.entry(MediaSignalingService.CALL_ENDED, "call_ended"),
      Map.entry(AssistantService.QUOTA_EXCEEDED, "assistant_quota_exceeded"),
      Map.entry(AssistantService.BUSY, "assistant_busy"),
      Map.entry(AssistantService.NOTHING_UNREAD, "nothing_unread"),
      // the conversation's owner kept changing for as long as the send was tried: as any outage
      Map.entry(ChatService.NOT_OWNER, "unavailable"),
      Map.entry(ChatService.CHANGE_OUT_OF_ORDER, "unavailable"));

  /** Every failure code a service may answer with, and the API's name for it. */
  static Map<Integer, String> codes() {
    return CODES;
  }

  public static ApiError of(int status, String message) {
    return new ApiError(status, CODES.getOrDefault(status, "internal"), message);
  }

  public static ApiError invalid(String field, String problem) {
    return of(Failures.INVALID_REQUEST, field + ": " + problem);
  }

  public static ApiError internal() {
    return of(Failures.INTERNAL, "internal error");
  }

  /** Null when the failure is not one a client may see (the caller logs it and answers 500). */
  public static ApiError fromService(Throwable failure) {
    if (!(failure instanceof ServiceException) && failure instanceof io.vertx.core.eventbus.ReplyException reply
        && (reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT
        || reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS)) {
      // a service that is away or overloaded: the request may be made again (sends are idempotent)
      return of(Failures.UNAVAILABLE, "the service did not answer; try again");
    }
    if (!(failure instanceof ServiceException e)) {
      return null;
    }
    String code = CODES.get(e.failureCode());
    if (code == null || e.failureCode() == Failures.INTERNAL) {
      return null;
    }
    int status = e.failureCode() >= 10_000 ? e.failureCode() / 100 : e.failureCode();
    return new ApiError(status, code, e.getMessage());
  }

  public JsonObject body() {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
  }
}

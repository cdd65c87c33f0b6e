package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ling.api.Failures;
import ling.api.assistant.AssistantService;
import ling.gateway.impl.ApiError;
import ling.gateway.impl.Requests;

/**
 * {@code /assistant} and a conversation's {@code /summary}: the AI assistant where one is
 * configured; elsewhere 404, so that a client shows no assistant at all.
 */
final class AssistantRoutes {

  private final AssistantService assistant;

  /** @param assistant null where no assistant is configured */
  AssistantRoutes(AssistantService assistant) {
    this.assistant = assistant;
  }

  void mount(Router api, Handler<RoutingContext> authenticated) {
    api.get("/assistant").handler(authenticated).handler(this::status);
    api.post("/conversations/:id/summary").handler(authenticated).handler(this::summarise);
  }

  private void status(RoutingContext ctx) {
    if (absent(ctx)) {
      return;
    }
    ctx.response().putHeader("Cache-Control", "no-store");
    Responses.answer(ctx, assistant.status(Authenticated.userId(ctx)), status -> Responses.json(ctx, 200, status.toJson()));
  }

  private void summarise(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    if (absent(ctx)) {
      return;
    }
    Responses.answer(ctx, assistant.summarise(Authenticated.userId(ctx), conversationId),
        status -> Responses.json(ctx, 202, status.toJson()));
  }

  private boolean absent(RoutingContext ctx) {
    if (assistant == null) {
      Responses.error(ctx, ApiError.of(Failures.NOT_FOUND, "no assistant is configured on this server"));
      return true;
    }
    return false;
  }
}

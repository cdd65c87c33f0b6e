package ling.media.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ling.api.media.MediaSignalingService;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link MediaSignalingService} over its own tables. */
public class MediaSignalingVerticle extends ServiceVerticle<MediaSignalingService> {

  public MediaSignalingVerticle() {
    super("media", MediaSignalingService.class, MediaSignalingService.ADDRESS);
  }

  @Override
  protected Future<MediaSignalingService> createService(JsonObject config) {
    return Future.succeededFuture(new MediaSignalingServiceImpl(pool));
  }
}

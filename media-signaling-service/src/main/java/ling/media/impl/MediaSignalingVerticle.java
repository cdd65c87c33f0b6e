package ling.media.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ling.api.media.MediaSignalingService;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link MediaSignalingService} over its own tables. */
public class MediaSignalingVerticle extends ServiceVerticle<MediaSignalingService> {

  @Override
  protected String schema() {
    return "media";
  }

  @Override
  protected Class<MediaSignalingService> serviceInterface() {
    return MediaSignalingService.class;
  }

  @Override
  protected String address() {
    return MediaSignalingService.ADDRESS;
  }

  @Override
  protected Future<MediaSignalingService> createService(JsonObject config) {
    return Future.succeededFuture(new MediaSignalingServiceImpl(pool));
  }
}

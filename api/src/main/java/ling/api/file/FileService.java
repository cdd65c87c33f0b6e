package ling.api.file;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** Uploads, content-addressed blobs, thumbnails and access checks. */
@ProxyGen
@VertxGen
public interface FileService {

  String ADDRESS = "file.service";

  static FileService createProxy(Vertx vertx) {
    return new FileServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /** {@code {"status":"UP"|"DOWN", ...}} including the service's database check. */
  Future<JsonObject> health();
}

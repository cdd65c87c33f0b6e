package ling.api.file;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import ling.api.ServiceHealth;

/** Uploads, content-addressed blobs, thumbnails and access checks. */
@ProxyGen
@VertxGen
public interface FileService {

  String ADDRESS = "file.service";

  static FileService createProxy(Vertx vertx) {
    return new FileServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /**
   * Where the service's own HTTP endpoint listens and the token that endpoint requires. The
   * gateway streams file bytes to and from it; the token is made at each start and only handed
   * out on the event bus, which is as trusted as the services themselves.
   */
  Future<FileEndpoint> endpoint();

  /**
   * The file as a message carries it, if it exists and the user uploaded it; 404 otherwise, so
   * that nobody can send a file they cannot read.
   */
  Future<FileInfo> ownFile(long userId, long fileId);

  /**
   * Makes the user's own image readable by anyone signed in, as an avatar must be; 404 when it is
   * not the user's upload, 400 when it is not an image. Answers as {@link #ownFile}.
   */
  Future<FileInfo> shareAsAvatar(long userId, long fileId);

  /** UP exactly when the service's database answers. */
  Future<ServiceHealth> health();
}

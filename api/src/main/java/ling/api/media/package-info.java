/** Call state machines and the relay of WebRTC signaling between participants. */
@ModuleGen(name = "ling-media-api", groupPackage = "ling.api.media")
package ling.api.media;

import io.vertx.codegen.annotations.ModuleGen;

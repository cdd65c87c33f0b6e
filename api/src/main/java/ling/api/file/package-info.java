/** Uploads, content-addressed blobs, thumbnails and access checks. */
@ModuleGen(name = "ling-file-api", groupPackage = "ling.api.file")
package ling.api.file;

import io.vertx.codegen.annotations.ModuleGen;

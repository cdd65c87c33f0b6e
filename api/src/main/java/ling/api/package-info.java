/** Contracts shared by every Ling module: addresses, failure codes and per-service interfaces. */
@ModuleGen(name = "ling-api", groupPackage = "ling.api")
package ling.api;

import io.vertx.codegen.annotations.ModuleGen;

/** The account service: users, credentials, tokens, password reset, profiles and device links. */
@ModuleGen(name = "ling-account-api", groupPackage = "ling.api.account")
package ling.api.account;

import io.vertx.codegen.annotations.ModuleGen;

/** The AI assistant contact: its standing for each user, and summaries of unread messages. */
@ModuleGen(name = "ling-assistant-api", groupPackage = "ling.api.assistant")
package ling.api.assistant;

import io.vertx.codegen.annotations.ModuleGen;

/** Conversations, messages, sequence numbers, read state and recall. */
@ModuleGen(name = "ling-chat-api", groupPackage = "ling.api.chat")
package ling.api.chat;

import io.vertx.codegen.annotations.ModuleGen;

package ling.client.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sends one frame on the live socket; false when it is not open. */
public interface FrameSender {
  boolean send(ObjectNode frame);
}

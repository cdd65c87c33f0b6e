package ling.standalone;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test on a stack of its own (its own settings and counters), with a client; the sockets it
 * opened, the client and the stack are closed after each test.
 */
abstract class OwnStackTest {

  protected TestStack stack;
  protected Api api;
  protected final List<Socket> sockets = new ArrayList<>();

  /** The settings this test's stack runs with, changed from the test defaults. */
  protected abstract void adjust(JsonObject config);

  @BeforeEach
  void startOwnStack() {
    stack = TestStack.start(this::adjust);
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void stopOwnStack() {
    sockets.forEach(Socket::close);
    api.close();
    stack.close();
  }
}

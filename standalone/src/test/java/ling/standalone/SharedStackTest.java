package ling.standalone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test against the JVM-wide stack, with a fresh client per test. */
abstract class SharedStackTest {

  protected TestStack stack;
  protected Api api;

  @BeforeEach
  void connect() {
    stack = TestStack.shared();
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void disconnect() {
    api.close();
  }
}

package ling.assistant.impl;

import io.vertx.core.Future;
import ling.api.assistant.AssistantService;
import ling.api.assistant.AssistantStatus;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the bus; the work is {@link Answers}'. */
final class AssistantServiceImpl implements AssistantService {

  private static final Logger LOG = LoggerFactory.getLogger(AssistantServiceImpl.class);

  private final Answers answers;

  AssistantServiceImpl(Answers answers) {
    this.answers = answers;
  }

  @Override
  public Future<AssistantStatus> status(long userId) {
    return Guard.run(LOG, () -> answers.status(userId));
  }

  @Override
  public Future<AssistantStatus> summarise(long userId, long conversationId) {
    return Guard.run(LOG, () -> answers.summarise(userId, conversationId));
  }
}

package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers password-reset codes by email, or to the log when no SMTP server is configured. */
final class ResetMailer {

  private static final Logger LOG = LoggerFactory.getLogger(ResetMailer.class);

  private final MailClient mail;
  private final String from;
  private final int codeMinutes;

  ResetMailer(Vertx vertx, JsonObject smtp, int codeMinutes) {
    this.codeMinutes = codeMinutes;
    this.from = smtp.getString("from");
    String host = smtp.getString("host");
    if (host == null || host.isBlank()) {
      this.mail = null;
      return;
    }
    String username = smtp.getString("username");
    MailConfig config = new MailConfig()
        .setHostname(host)
        .setPort(smtp.getInteger("port"))
        .setSsl(smtp.getBoolean("ssl", false))
        .setStarttls(StartTLSOptions.valueOf(smtp.getString("starttls", "OPTIONAL")))
        // blank as compose passes an unset variable: no login
        .setLogin(username == null || username.isBlank() ? LoginOption.DISABLED : LoginOption.REQUIRED)
        .setUsername(username)
        .setPassword(smtp.getString("password"));
    this.mail = MailClient.createShared(vertx, config, "ling-smtp");
  }

  /** Whether a code for this address would reach anyone: the log when no SMTP is set up, else only an email. */
  boolean canDeliver(String email) {
    return mail == null || email != null;
  }

  /** Never fails: a reset request answers the same whatever happens to the mail. */
  Future<Void> send(String username, String email, String code) {
    if (mail == null) {
      LOG.info("no SMTP server configured; password reset code for '{}' is {}", username, code);
      return Future.succeededFuture();
    }
    if (email == null) {
      LOG.info("password reset requested for '{}', who has no email address", username);
      return Future.succeededFuture();
    }
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(email)
        .setSubject("Your Ling password reset code")
        .setText("Hello " + username + ",\n\nyour Ling password reset code is " + code + ".\n"
            + "It expires in " + codeMinutes + " minutes. If you did not ask for it, ignore this message.\n");
    return mail.sendMail(message)
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("could not send the password reset mail for '{}': {}", username, err.getMessage());
          return Future.succeededFuture();
        });
  }

  Future<Void> close() {
    return mail == null ? Future.succeededFuture() : mail.close();
  }
}

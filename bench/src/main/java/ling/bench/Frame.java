package ling.bench;

/**
 * A server frame read without parsing all of it: the load generator shares the machine with the
 * server, so it only looks up the few fields it needs (the type, and a message's clientMsgId
 * and senderId), each by its name, which appears once in the frames it reads.
 */
record Frame(String text) {

  String type() {
    return string("type");
  }

  /** The string value of the first field of that name, or null. */
  String string(String name) {
    int at = valueStart(name);
    if (at < 0 || text.charAt(at) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = at + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        // the bench's own ids hold no escapes; anything else is read as the escaped character
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return null;
  }

  /** The number value of the first field of that name, or null. */
  Long number(String name) {
    int at = valueStart(name);
    if (at < 0) {
      return null;
    }
    int end = at;
    while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
      end++;
    }
    return end == at ? null : Long.parseLong(text, at, end, 10);
  }

  private int valueStart(String name) {
    String key = "\"" + name + "\":";
    int at = text.indexOf(key);
    return at < 0 ? -1 : at + key.length();
  }
}

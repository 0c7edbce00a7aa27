package org.integratedsync.vestr;

import java.util.List;

/**
 * The GraphQL endpoint answered with {@code errors}; nothing of that response is handed on, even
 * when it also carried (partial) data.
 */
public final class GraphQlException extends VestrException {
  private static final long serialVersionUID = 1L;

  private final List<String> messages;
  private final boolean dataPresent;

  /**
   * Creates the exception.
   *
   * @param messages the {@code message} of each GraphQL error
   * @param dataPresent whether the response also carried non-null {@code data}
   */
  public GraphQlException(List<String> messages, boolean dataPresent) {
    super("GraphQL request failed" + (dataPresent ? " (partial data discarded)" : "") + ": "
        + String.join("; ", messages));
    this.messages = List.copyOf(messages);
    this.dataPresent = dataPresent;
  }

  /** Returns the messages of the GraphQL errors, in the order the server sent them. */
  public List<String> messages() {
    return messages;
  }

  /** Returns whether the response also carried non-null {@code data}. */
  public boolean dataPresent() {
    return dataPresent;
  }
}

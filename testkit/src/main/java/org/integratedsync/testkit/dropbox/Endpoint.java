package org.integratedsync.testkit.dropbox;

/** The Dropbox HTTP endpoints the fake serves. */
public enum Endpoint {
  TOKEN("/oauth2/token", false),
  LIST_FOLDER("/2/files/list_folder", false),
  LIST_FOLDER_CONTINUE("/2/files/list_folder/continue", false),
  GET_METADATA("/2/files/get_metadata", false),
  CREATE_FOLDER("/2/files/create_folder_v2", true),
  UPLOAD("/2/files/upload", true),
  UPLOAD_START("/2/files/upload_session/start", true),
  UPLOAD_APPEND("/2/files/upload_session/append_v2", true),
  FINISH_BATCH("/2/files/upload_session/finish_batch_v2", true),
  DELETE_BATCH("/2/files/delete_batch", true),
  DELETE_BATCH_CHECK("/2/files/delete_batch/check", false);

  private final String path;
  private final boolean write;

  Endpoint(String path, boolean write) {
    this.path = path;
    this.write = write;
  }

  /** Returns the URL path, such as {@code /2/files/list_folder}. */
  public String path() {
    return path;
  }

  /** Returns whether the endpoint writes (uploads, commits, creates or deletes). */
  public boolean isWrite() {
    return write;
  }

  /** Returns whether the endpoint is served on Dropbox's content host. */
  public boolean isContent() {
    return this == UPLOAD || this == UPLOAD_START || this == UPLOAD_APPEND;
  }

  static Endpoint ofPath(String path) {
    for (Endpoint endpoint : values()) {
      if (endpoint.path.equals(path)) {
        return endpoint;
      }
    }
    return null;
  }
}

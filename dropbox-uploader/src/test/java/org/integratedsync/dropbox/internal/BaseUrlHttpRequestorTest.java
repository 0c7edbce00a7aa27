package org.integratedsync.dropbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.dropbox.core.http.StandardHttpRequestor;
import org.junit.jupiter.api.Test;

class BaseUrlHttpRequestorTest {

  @Test
  void everyDropboxHostIsSentToTheBaseUrl() {
    var requestor = new BaseUrlHttpRequestor(StandardHttpRequestor.Config.DEFAULT_INSTANCE, "http://127.0.0.1:9000/");

    assertThat(requestor.rewrite("https://api.dropboxapi.com/2/files/list_folder"))
        .isEqualTo("http://127.0.0.1:9000/2/files/list_folder");
    assertThat(requestor.rewrite("https://content.dropboxapi.com/2/files/upload_session/start"))
        .isEqualTo("http://127.0.0.1:9000/2/files/upload_session/start");
    assertThat(requestor.rewrite("https://api.dropbox.com/oauth2/token?x=1"))
        .isEqualTo("http://127.0.0.1:9000/oauth2/token?x=1");
  }

  @Test
  void withoutABaseUrlNothingChanges() {
    var requestor = new BaseUrlHttpRequestor(StandardHttpRequestor.Config.DEFAULT_INSTANCE, null);

    assertThat(requestor.rewrite("https://api.dropboxapi.com/2/files/list_folder"))
        .isEqualTo("https://api.dropboxapi.com/2/files/list_folder");
  }
}

package org.integratedsync.dropbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Dropbox app key, app secret and long-lived refresh token, from which short-lived access tokens
 * are obtained. Immutable and thread-safe. {@link #toString()} masks the secret and the token.
 *
 * @param appKey the app key (client id)
 * @param appSecret the app secret
 * @param refreshToken the refresh token
 */
public record DropboxCredentials(String appKey, String appSecret, String refreshToken) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Validates the parts.
   *
   * @throws DropboxConfigurationException if a part is null or blank (the message names the part only)
   */
  public DropboxCredentials {
    requireText(appKey, "appKey", "app key");
    requireText(appSecret, "appSecret", "app secret");
    requireText(refreshToken, "refreshToken", "refresh token");
  }

  private static void requireText(String value, String setting, String what) {
    if (value == null || value.isBlank()) {
      throw new DropboxConfigurationException(setting, "Dropbox " + what + " is missing or empty");
    }
  }

  /**
   * Reads a {@code dropbox_credentials.json} file holding {@code app_key}, {@code app_secret} and
   * {@code refresh_token} (other fields are ignored).
   *
   * @param file the JSON file
   * @return the credentials
   * @throws CredentialsFileException if the file is missing or unreadable, is not a JSON object, or
   *     a field is missing, empty or not a string; the message names the file and the field but
   *     never echoes the file's content
   */
  public static DropboxCredentials fromJsonFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CredentialsFileException(file, "Dropbox credentials file not found: " + file, null);
    } catch (IOException e) {
      throw new CredentialsFileException(
          file, "Cannot read Dropbox credentials file " + file + ": " + e.getClass().getSimpleName(), null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending text, which may be a secret: report the position only.
      var location = e.getLocation();
      String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new CredentialsFileException(file, "Dropbox credentials file " + file + " is not valid JSON" + where, null);
    } catch (IOException e) {
      throw new CredentialsFileException(file, "Cannot read Dropbox credentials file " + file, null);
    }
    if (root == null || !root.isObject()) {
      throw new CredentialsFileException(file, "Dropbox credentials file " + file + " must hold a JSON object", null);
    }
    return new DropboxCredentials(
        field(file, root, "app_key"), field(file, root, "app_secret"), field(file, root, "refresh_token"));
  }

  private static String field(Path file, JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      throw new CredentialsFileException(file, "Dropbox credentials file " + file + " has no \"" + name + "\"", null);
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new CredentialsFileException(
          file, "Dropbox credentials file " + file + ": \"" + name + "\" must be a non-empty string", null);
    }
    return node.asText().strip();
  }

  /** Returns a description showing the app key only; secret and token are masked. */
  @Override
  public String toString() {
    return "DropboxCredentials[appKey=" + appKey + ", appSecret=****, refreshToken=****]";
  }
}

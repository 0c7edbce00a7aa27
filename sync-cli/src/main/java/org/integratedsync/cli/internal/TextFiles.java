package org.integratedsync.cli.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes the text files an operator writes by hand (secret files, the properties file), also when
 * an editor on Windows wrote them: UTF-8 with or without a byte-order mark, or UTF-16 with one.
 * Anything else — invalid UTF-8, a NUL or other control character — is not text, so a wrong secret
 * is never sent.
 */
final class TextFiles {
  /** What {@link #decode} accepts, for messages. */
  static final String ACCEPTED = "UTF-8, or UTF-16 with a byte-order mark";

  private TextFiles() {}

  /** Returns the text of {@code bytes} without a byte-order mark, or empty if it is not text. */
  static Optional<String> decode(byte[] bytes) {
    Charset charset = StandardCharsets.UTF_8;
    int offset = 0;
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      offset = 3;
    } else if (startsWith(bytes, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      offset = 2;
    } else if (startsWith(bytes, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      offset = 2;
    }
    String text;
    try {
      CharBuffer chars =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
      text = chars.toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == '\uFEFF') {
        return Optional.empty();
      }
    }
    return Optional.of(text);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

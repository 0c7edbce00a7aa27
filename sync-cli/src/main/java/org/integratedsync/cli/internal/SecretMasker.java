package org.integratedsync.cli.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every known secret value in a text with {@value #MASK}.
 *
 * <p>Besides each value itself it masks the password inside a URL (as in {@code DATABASE_URL}),
 * URL-encoded forms, and each long line of a multi-line secret such as a PEM key, so a secret is
 * hidden also where a library quotes part of it. Values shorter than {@value #MIN_LENGTH}
 * characters are not masked, since masking them would garble ordinary text. Thread-safe: secrets
 * learned during a run (access tokens) can be added at any time.
 */
public final class SecretMasker {
  /** What a secret is replaced with. */
  public static final String MASK = "****";

  /** Shortest value that is masked. */
  public static final int MIN_LENGTH = 4;

  private static final Pattern URL_PASSWORD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:([^@/]+)@");
  private static final Pattern QUERY_PASSWORD = Pattern.compile("[?&]password=([^&]+)");

  private final Set<String> secrets = new CopyOnWriteArraySet<>();
  private volatile List<String> ordered = List.of();

  /** Creates a masker for the given secret values. */
  public SecretMasker(Collection<String> values) {
    addAll(values);
  }

  /** Creates a masker that masks nothing until secrets are added. */
  public SecretMasker() {
    this(List.of());
  }

  /** Adds secret values, for example a token obtained during the run. */
  public void addAll(Collection<String> values) {
    Set<String> expanded = new LinkedHashSet<>();
    for (String value : values) {
      expand(value, expanded);
    }
    expanded.removeIf(v -> v.length() < MIN_LENGTH);
    if (secrets.addAll(expanded)) {
      List<String> sorted = new ArrayList<>(secrets);
      // longest first, so a secret containing another is masked whole
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      ordered = List.copyOf(sorted);
    }
  }

  private static void expand(String value, Set<String> out) {
    if (value == null) {
      return;
    }
    out.add(value);
    out.add(value.strip());
    Matcher url = URL_PASSWORD.matcher(value);
    if (url.find()) {
      addWithDecoded(url.group(1), out);
    }
    Matcher query = QUERY_PASSWORD.matcher(value);
    while (query.find()) {
      addWithDecoded(query.group(1), out);
    }
    out.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    if (value.contains("\n")) {
      for (String line : value.split("\\R")) {
        String s = line.strip();
        if (s.length() >= 16 && !s.startsWith("-----")) {
          out.add(s);
        }
      }
    }
  }

  private static void addWithDecoded(String raw, Set<String> out) {
    out.add(raw);
    try {
      out.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // not percent-encoded; the raw form is enough
    }
  }

  /** Returns the text with every secret replaced by {@value #MASK}; null stays null. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : ordered) {
      if (result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  /** Returns whether any secret is known. */
  public boolean isEmpty() {
    return ordered.isEmpty();
  }
}

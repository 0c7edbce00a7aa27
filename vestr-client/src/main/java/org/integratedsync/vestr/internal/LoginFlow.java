package org.integratedsync.vestr.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.integratedsync.vestr.AccountDisabledException;
import org.integratedsync.vestr.InvalidCredentialsException;
import org.integratedsync.vestr.InvalidOtpException;
import org.integratedsync.vestr.LoginException;
import org.integratedsync.vestr.LoginExpiredException;
import org.integratedsync.vestr.UnexpectedPageException;
import org.integratedsync.vestr.VestrHttpException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives HTML login pages the way a browser would: follows redirects, fills the username, password
 * and one-time-code forms it finds on each page, submits auto-submitting forms, and stops at a
 * target (the OAuth redirect URI, or the web application itself).
 *
 * <p>Forms are recognised by what they contain (a password input, an {@code otp} input, a username
 * input, or only hidden fields), not by one theme's layout. Not thread-safe; one login at a time.
 */
public final class LoginFlow {
  private static final Logger log = LoggerFactory.getLogger(LoginFlow.class);

  private static final String FEEDBACK_SELECTOR = String.join(", ",
      ".kc-feedback-text", "#input-error", "#input-error-username", "#input-error-password",
      "#input-error-otp-code", "#input-error-otp", ".alert-error", ".alert-warning",
      ".pf-m-danger .pf-v5-c-alert__title", ".pf-m-error", "[role=alert]");

  private final Http http;
  private final Totp totp;
  private final Clock clock;
  private final String username;
  private final String password;
  private final int maxSteps;

  /**
   * Creates a flow for one user.
   *
   * @param maxSteps the most requests one login may take (the redirect-loop guard)
   */
  public LoginFlow(Http http, Totp totp, Clock clock, String username, String password, int maxSteps) {
    this.http = http;
    this.totp = totp;
    this.clock = clock;
    this.username = username;
    this.password = password;
    this.maxSteps = maxSteps;
  }

  /**
   * Runs an OAuth authorization request until the browser would be sent to {@code redirectUri}, and
   * returns the parameters it would carry there ({@code code}, {@code state}, {@code iss} or
   * {@code error}), whether by a redirect or by an auto-submitting {@code form_post} page.
   */
  public Map<String, String> authorize(URI authorizationUrl, URI redirectUri) {
    return run(authorizationUrl, redirectUri, null);
  }

  /**
   * Opens the web application at {@code appUrl}, follows its redirects through the login pages and
   * returns once a page of the application is reached; the session cookies stay in the jar.
   */
  public void openSession(URI appUrl) {
    run(appUrl, null, appUrl);
  }

  private Map<String, String> run(URI start, URI redirectUri, URI appUrl) {
    State state = new State();
    HttpRequest request = http.request(start).header("Accept", "text/html").GET().build();
    for (int step = 1; ; step++) {
      if (step > maxSteps) {
        throw new LoginException("login did not finish within " + maxSteps
            + " redirects and form submissions (redirect loop?); last request "
            + Urls.safe(request.uri()), state.lastPageId, null);
      }
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      URI uri = request.uri();
      int status = response.statusCode();
      log.debug("login step {}: {} {} -> {}", step, request.method(), Urls.safe(uri), status);

      if (status >= 300 && status < 400 && status != 304) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
            new LoginException("redirect without Location from " + Urls.safe(uri), null, null));
        URI next = uri.resolve(location.trim());
        if (redirectUri != null && Urls.sameEndpoint(next, redirectUri)) {
          return Urls.query(next);
        }
        request = http.request(next).header("Accept", "text/html").GET().build();
        continue;
      }

      Document doc = Jsoup.parse(response.body(), uri.toString());
      Page page = new Page(doc);
      state.lastPageId = page.pageId;
      log.debug("login page id={} title={}", page.pageId, page.title);
      checkErrorPages(page, status, uri);

      HttpRequest next = nextRequest(page, state, uri, redirectUri);
      if (next == null) {
        if (appUrl != null && status / 100 == 2 && Urls.sameOrigin(uri, appUrl)
            && page.pageId == null && !hasFillableForm(forms(page))) {
          return Map.of();
        }
        throw new UnexpectedPageException("login stopped at a page it cannot complete: "
            + describe(page) + " at " + Urls.safe(uri)
            + (page.feedback == null ? "" : " saying \"" + page.feedback + "\"")
            + "; finish that step once in a browser", page.pageId, page.title);
      }
      if (next == RETURNED) {
        return state.returned;
      }
      request = next;
    }
  }

  /** Marker: the flow reached the redirect URI through a form; parameters are in the state. */
  private static final HttpRequest RETURNED =
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();

  private void checkErrorPages(Page page, int status, URI uri) {
    String pageId = page.pageId == null ? "" : page.pageId;
    String heading = (page.title + " " + page.heading).toLowerCase(Locale.ROOT);
    if (pageId.endsWith("page-expired") || heading.contains("page has expired")) {
      throw new LoginExpiredException("the login page expired (" + describe(page)
          + "); run again", page.pageId, page.title);
    }
    Element error = page.doc.selectFirst("#kc-error-message");
    if (error != null || pageId.equals("login-error") || pageId.equals("error")) {
      String message = error != null ? error.text().trim() : page.feedback;
      throw classify(message, page, "the identity provider showed an error page");
    }
    if (status >= 400 && page.doc.select("form").isEmpty()) {
      throw new VestrHttpException("login page " + Urls.safe(uri) + " answered HTTP " + status
          + " (" + describe(page) + ")", status, URI.create(Urls.safe(uri)));
    }
  }

  private static LoginException classify(String message, Page page, String what) {
    String text = message == null ? "" : message;
    String lower = text.toLowerCase(Locale.ROOT);
    String full = what + ": \"" + text + "\" (" + describe(page) + ")";
    if (lower.contains("disabled") || lower.contains("locked")) {
      return new AccountDisabledException(full, page.pageId, message);
    }
    if (!lower.contains("cookie") && (lower.contains("expired") || lower.contains("timed out")
        || lower.contains("timeout"))) {
      return new LoginExpiredException(full + "; run again", page.pageId, message);
    }
    return new LoginException(full, page.pageId, message);
  }

  private HttpRequest nextRequest(Page page, State state, URI uri, URI redirectUri) {
    Elements forms = page.doc.select("form");
    Element otpForm = null;
    Element passwordForm = null;
    Element usernameForm = null;
    for (Element form : forms) {
      if (otpForm == null && (form.id().equals("kc-otp-login-form")
          || !form.select("input[name=otp]").isEmpty())) {
        otpForm = form;
      } else if (passwordForm == null && form.select("input[type=password]").size() == 1) {
        // exactly one: a form with two (new password + confirmation) is a required action
        passwordForm = form;
      } else if (usernameForm == null && !form.select("input[name=username]").isEmpty()
          && visibleInputs(form).size() == 1) {
        usernameForm = form;
      }
    }
    if (otpForm != null && !otpForm.select("input[type=password]:not([name=otp])").isEmpty()) {
      otpForm = null; // an OTP set-up page asks for more than a code
    }

    if (otpForm != null) {
      if (state.otpPosts >= 2) {
        throw rejected(page, "one-time code", true);
      }
      if (state.otpPosts == 1 && page.feedback != null && isDisabled(page.feedback)) {
        throw classify(page.feedback, page, "the one-time code was not accepted");
      }
      // a second try uses the next step's code: the server refuses a code whose step was already used
      String code = totp.code(clock.instant().plus(totp.period().multipliedBy(state.otpPosts)));
      if (state.otpPosts == 1) {
        log.info("one-time code rejected ({}); retrying once with the next time step's code",
            page.feedback == null ? "no message" : page.feedback);
      }
      state.otpPosts++;
      return submit(otpForm, uri, Map.of("otp", code));
    }
    if (passwordForm != null) {
      if (state.passwordPosts >= 1) {
        throw rejected(page, "username or password", false);
      }
      state.passwordPosts++;
      Map<String, String> values = new LinkedHashMap<>();
      values.put(passwordForm.selectFirst("input[type=password]").attr("name"), password);
      Element user = passwordForm.selectFirst("input[name=username], input[type=email]");
      if (user != null) {
        values.put(user.attr("name"), username);
      }
      return submit(passwordForm, uri, values);
    }
    if (usernameForm != null) {
      if (state.usernamePosts >= 1) {
        throw rejected(page, "username", false);
      }
      state.usernamePosts++;
      return submit(usernameForm, uri, Map.of("username", username));
    }
    if (forms.size() == 1 && isAutoSubmit(forms.first())) {
      Element form = forms.first();
      URI action = action(form, uri);
      if (redirectUri != null && Urls.sameEndpoint(action, redirectUri)) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields(form, Map.of())) {
          params.putIfAbsent(field.getKey(), field.getValue());
        }
        state.returned = params;
        return RETURNED;
      }
      if (++state.autoSubmits > 5) {
        throw new LoginException("login kept showing auto-submitting pages (" + describe(page)
            + ")", page.pageId, null);
      }
      log.debug("submitting auto-submit form on {}", describe(page));
      return submit(form, uri, Map.of());
    }
    return null;
  }

  private static Elements forms(Page page) {
    return page.doc.select("form");
  }

  private static boolean hasFillableForm(Elements forms) {
    for (Element form : forms) {
      if (!visibleInputs(form).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDisabled(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("disabled") || lower.contains("locked");
  }

  private static LoginException rejected(Page page, String what, boolean otp) {
    String message = page.feedback;
    if (message != null) {
      String lower = message.toLowerCase(Locale.ROOT);
      if (isDisabled(message)) {
        return new AccountDisabledException("account disabled or locked: \"" + message + "\" ("
            + describe(page) + ")", page.pageId, message);
      }
      if (!lower.contains("cookie") && (lower.contains("expired") || lower.contains("timed out"))) {
        return new LoginExpiredException("login expired: \"" + message + "\" (" + describe(page)
            + "); run again", page.pageId, message);
      }
    }
    String text = "the identity provider rejected the " + what
        + (message == null ? "" : ": \"" + message + "\"") + " (" + describe(page) + ")";
    return otp
        ? new InvalidOtpException(text + "; a second code for the next time step was rejected too;"
            + " check the OTP secret and the system clock", page.pageId, message)
        : new InvalidCredentialsException(text, page.pageId, message);
  }

  private static boolean isAutoSubmit(Element form) {
    int submits = form.select("button:not([type]), button[type=submit], input[type=submit], "
        + "input[type=image]").size();
    return visibleInputs(form).isEmpty() && submits <= 1;
  }

  private static List<Element> visibleInputs(Element form) {
    List<Element> result = new ArrayList<>();
    for (Element el : form.select("input, select, textarea")) {
      String type = el.attr("type").toLowerCase(Locale.ROOT);
      if (el.normalName().equals("input") && (type.equals("hidden") || type.equals("submit")
          || type.equals("button") || type.equals("image") || type.equals("reset"))) {
        continue;
      }
      if (el.hasAttr("readonly") || el.hasAttr("disabled")) {
        continue;
      }
      result.add(el);
    }
    return result;
  }

  private static URI action(Element form, URI page) {
    // jsoup has already decoded entities such as &amp; in the attribute
    String action = form.attr("action").trim();
    return action.isEmpty() ? page : page.resolve(action.replace(" ", "%20"));
  }

  private HttpRequest submit(Element form, URI page, Map<String, String> values) {
    URI action = action(form, page);
    String body = Urls.form(fields(form, values));
    String method = form.attr("method").trim().toLowerCase(Locale.ROOT);
    if (method.equals("post")) {
      return http.request(action)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "text/html")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
    }
    String base = action.toString();
    int q = base.indexOf('?');
    URI target = URI.create((q >= 0 ? base.substring(0, q) : base) + (body.isEmpty() ? "" : "?" + body));
    return http.request(target).header("Accept", "text/html").GET().build();
  }

  /**
   * The fields a browser would send: named, enabled controls; checked boxes; the first (clicked)
   * submit button; {@code values} replace or add the named fields.
   */
  private static List<Map.Entry<String, String>> fields(Element form, Map<String, String> values) {
    List<Map.Entry<String, String>> result = new ArrayList<>();
    Set<String> seenRadio = new HashSet<>();
    Set<String> filled = new HashSet<>();
    boolean submitSeen = false;
    for (Element el : form.select("input, select, textarea, button")) {
      String name = el.attr("name");
      if (name.isEmpty() || el.hasAttr("disabled")) {
        continue;
      }
      String tag = el.normalName();
      String type = el.attr("type").toLowerCase(Locale.ROOT);
      if (tag.equals("button") || type.equals("submit") || type.equals("image")) {
        if (tag.equals("button") && !(type.isEmpty() || type.equals("submit"))) {
          continue;
        }
        if (!submitSeen) {
          submitSeen = true;
          result.add(entry(name, tag.equals("button") ? el.val() : el.attr("value")));
        }
        continue;
      }
      if (type.equals("reset") || type.equals("button") || type.equals("file")) {
        continue;
      }
      String value;
      if (values.containsKey(name)) {
        if (!filled.add(name)) {
          continue;
        }
        value = values.get(name);
      } else if (type.equals("checkbox")) {
        if (!el.hasAttr("checked")) {
          continue;
        }
        value = el.hasAttr("value") ? el.attr("value") : "on";
      } else if (type.equals("radio")) {
        Element checked = form.selectFirst("input[type=radio][name=" + cssQuote(name) + "][checked]");
        if (!seenRadio.add(name)) {
          continue;
        }
        value = (checked != null ? checked : el).attr("value");
      } else if (tag.equals("select")) {
        Element option = el.selectFirst("option[selected]");
        if (option == null) {
          option = el.selectFirst("option");
        }
        value = option == null ? "" : option.hasAttr("value") ? option.attr("value") : option.text();
      } else if (tag.equals("textarea")) {
        value = el.wholeText();
      } else {
        value = el.attr("value");
      }
      result.add(entry(name, value));
    }
    for (Map.Entry<String, String> v : values.entrySet()) {
      if (!filled.contains(v.getKey())) {
        result.add(entry(v.getKey(), v.getValue()));
      }
    }
    return result;
  }

  private static String cssQuote(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  private static String describe(Page page) {
    return "page " + (page.pageId == null ? "without data-page-id" : "'" + page.pageId + "'")
        + (page.title.isEmpty() ? "" : " titled '" + page.title + "'");
  }

  /** What the flow has done so far in one login. */
  private static final class State {
    int passwordPosts;
    int usernamePosts;
    int otpPosts;
    int autoSubmits;
    String lastPageId;
    Map<String, String> returned;
  }

  /** What the flow reads from a page. */
  private static final class Page {
    final Document doc;
    final String pageId;
    final String title;
    final String heading;
    final String feedback;

    Page(Document doc) {
      this.doc = doc;
      String id = doc.body() == null ? "" : doc.body().attr("data-page-id").trim();
      this.pageId = id.isEmpty() ? null : id;
      this.title = doc.title().trim();
      Element h1 = doc.selectFirst("#kc-page-title, h1");
      this.heading = h1 == null ? "" : h1.text().trim();
      String message = null;
      for (Element el : doc.select(FEEDBACK_SELECTOR)) {
        String text = el.text().trim();
        if (!text.isEmpty()) {
          message = text;
          break;
        }
      }
      this.feedback = message;
    }
  }
}

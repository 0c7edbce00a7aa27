package org.integratedsync.testkit.vestr;

import java.util.Map;

/** The HTML of the fake's login pages, modelled on Keycloak 26's themes. */
final class Pages {
  static final String CREDENTIAL_ID = "5f1c3a2e-8d7b-4c1e-9a0f-2b6d4e8c1a3f";

  private Pages() {}

  static String login(LoginTheme theme, String action, String error, boolean hiddenField) {
    String hidden = hiddenField ? "<input type=\"hidden\" name=\"device_fingerprint\" value=\"fp-7731\"/>\n" : "";
    switch (theme) {
      case KEYCLOAK_V2:
        return v2("login-login", "Sign in to vestr", "Sign in to your account",
            "<form id=\"kc-form-login\" class=\"pf-v5-c-form pf-v5-u-w-100\" onsubmit=\"login.disabled = true; return true;\""
            + " action=\"" + attr(action) + "\" method=\"post\" novalidate=\"novalidate\">\n"
            + "<div class=\"pf-v5-c-form__group\"><label for=\"username\" class=\"pf-v5-c-form__label\">"
            + "<span class=\"pf-v5-c-form__label-text\">Username or email</span></label>\n"
            + "<span class=\"pf-v5-c-form-control " + (error == null ? "" : "pf-m-error") + "\">"
            + "<input id=\"username\" name=\"username\" value=\"\" type=\"text\" autocomplete=\"username\" autofocus aria-invalid=\"\"/></span>\n"
            + "<div id=\"input-error-container-username\">"
            + (error == null ? "" : "<span id=\"input-error-username\" class=\"pf-v5-c-helper-text__item-text pf-m-error kc-feedback-text\" aria-live=\"polite\">"
                + text(error) + "</span>")
            + "</div></div>\n"
            + "<div class=\"pf-v5-c-form__group\"><span class=\"pf-v5-c-form-control\">"
            + "<input id=\"password\" name=\"password\" value=\"\" type=\"password\" autocomplete=\"current-password\" aria-invalid=\"\"/></span>\n"
            + "<button class=\"pf-v5-c-button pf-m-control\" type=\"button\" aria-label=\"Show password\" id=\"password-show-password\">"
            + "<i class=\"fa-eye fas\" aria-hidden=\"true\"></i></button></div>\n"
            + "<input type=\"hidden\" id=\"id-hidden-input\" name=\"credentialId\" />\n" + hidden
            + "<div class=\"pf-v5-c-form__group\"><div class=\"pf-v5-c-form__actions\">"
            + "<button class=\"pf-v5-c-button pf-m-primary pf-m-block\" name=\"login\" id=\"kc-login\" type=\"submit\">Sign In</button>"
            + "</div></div>\n</form>");
      case KEYCLOAK_LEGACY:
        return legacy("Sign in to vestr", "Sign in to your account", error,
            "<form id=\"kc-form-login\" onsubmit=\"login.disabled = true; return true;\" action=\""
            + attr(action) + "\" method=\"post\">\n"
            + "<div class=\"form-group\"><label for=\"username\" class=\"pf-c-form__label pf-c-form__label-text\">Username or email</label>"
            + "<input tabindex=\"1\" id=\"username\" class=\"pf-c-form-control\" name=\"username\" value=\"\" type=\"text\" autofocus autocomplete=\"off\" /></div>\n"
            + "<div class=\"form-group\"><label for=\"password\" class=\"pf-c-form__label pf-c-form__label-text\">Password</label>"
            + "<input tabindex=\"2\" id=\"password\" class=\"pf-c-form-control\" name=\"password\" type=\"password\" autocomplete=\"off\" /></div>\n"
            + "<div class=\"form-group login-pf-settings\"><div id=\"kc-form-options\"><div class=\"checkbox\"><label>"
            + "<input tabindex=\"3\" id=\"rememberMe\" name=\"rememberMe\" type=\"checkbox\"> Remember me</label></div></div></div>\n"
            + "<div id=\"kc-form-buttons\" class=\"form-group\">"
            + "<input type=\"hidden\" id=\"id-hidden-input\" name=\"credentialId\"/>\n" + hidden
            + "<input tabindex=\"4\" class=\"pf-c-button pf-m-primary pf-m-block btn-lg\" name=\"login\" id=\"kc-login\" type=\"submit\" value=\"Sign In\"/>"
            + "</div>\n</form>");
      default:
        return custom("login-login", "Vestr | Sign in", error,
            "<form class=\"signin\" id=\"signin-form\" ACTION=\"" + attr(action) + "\" METHOD=\"POST\">\n"
            + "<label>E-mail<input type=\"email\" name=\"username\" required></label>\n"
            + "<label>Password<input type=\"password\" name=\"password\" required></label>\n"
            + hidden
            + "<input type=\"hidden\" name=\"ui_locales\" value=\"en\">\n"
            + "<button type=\"submit\" class=\"btn\">Continue</button>\n</form>");
    }
  }

  static String otp(LoginTheme theme, String action, String error) {
    switch (theme) {
      case KEYCLOAK_V2:
        return v2("login-login-otp", "Sign in to vestr", "Sign In",
            "<div class=\"pf-v5-c-form__group\"><label for=\"username\" class=\"pf-v5-c-form__label\">Username or email</label>"
            + "<input id=\"kc-attempted-username\" value=\"user\" readonly></div>\n"
            + "<form id=\"kc-otp-login-form\" class=\"pf-v5-c-form pf-v5-u-w-100\" onsubmit=\"login.disabled = true; return true;\" action=\""
            + attr(action) + "\" method=\"post\">\n"
            + "<input id=\"selectedCredentialId\" type=\"hidden\" name=\"selectedCredentialId\" value=\"" + CREDENTIAL_ID + "\">\n"
            + "<label for=\"otp\" class=\"pf-v5-c-form__label\">One-time code</label>"
            + "<span class=\"pf-v5-c-form-control\"><input id=\"otp\" name=\"otp\" value=\"\" type=\"text\" autocomplete=\"one-time-code\" autofocus inputmode=\"numeric\" aria-invalid=\"\"/></span>\n"
            + (error == null ? "" : "<div id=\"input-error-container-otp\"><span id=\"input-error-otp-code\" class=\"pf-v5-c-helper-text__item-text pf-m-error kc-feedback-text\" aria-live=\"polite\">"
                + text(error) + "</span></div>\n")
            + "<button class=\"pf-v5-c-button pf-m-primary pf-m-block\" name=\"login\" id=\"kc-login\" type=\"submit\">Sign In</button>\n"
            + "</form>\n"
            + "<form id=\"kc-select-try-another-way-form\" action=\"" + attr(action) + "\" method=\"post\">"
            + "<input type=\"hidden\" name=\"tryAnotherWay\" value=\"on\"/></form>");
      case KEYCLOAK_LEGACY:
        return legacy("Sign in to vestr", "Sign in to your account", error,
            "<form id=\"kc-otp-login-form\" class=\"form-horizontal\" action=\"" + attr(action) + "\" method=\"post\">\n"
            + "<div class=\"form-group\">"
            + "<input id=\"kc-otp-credential-0\" class=\"pf-c-tile__input\" type=\"radio\" name=\"selectedCredentialId\" value=\""
            + CREDENTIAL_ID + "\" checked=\"checked\"><label for=\"kc-otp-credential-0\">authenticator</label></div>\n"
            + "<div class=\"form-group\"><label for=\"otp\" class=\"control-label\">One-time code</label>"
            + "<input id=\"otp\" name=\"otp\" autocomplete=\"off\" type=\"text\" class=\"form-control\" autofocus /></div>\n"
            + "<div id=\"kc-form-buttons\"><input class=\"pf-c-button pf-m-primary pf-m-block btn-lg\" name=\"login\" id=\"kc-login\" type=\"submit\" value=\"Sign In\" /></div>\n"
            + "</form>");
      default:
        return custom("login-login-otp", "Vestr | Verify", error,
            "<form class=\"signin\" id=\"code-form\" ACTION=\"" + attr(action) + "\" METHOD=\"POST\">\n"
            + "<input type=\"hidden\" name=\"selectedCredentialId\" value=\"" + CREDENTIAL_ID + "\">\n"
            + "<label>Code from your app<input type=\"text\" name=\"otp\" inputmode=\"numeric\" pattern=\"[0-9]*\"></label>\n"
            + "<button type=\"submit\" class=\"btn\">Verify</button>\n</form>");
    }
  }

  static String profile(LoginTheme theme, String action) {
    String form = "<form id=\"kc-update-profile-form\" class=\"pf-v5-c-form\" action=\"" + attr(action) + "\" method=\"post\">\n"
        + "<input type=\"text\" id=\"email\" name=\"email\" value=\"\" autocomplete=\"email\">\n"
        + "<input type=\"text\" id=\"firstName\" name=\"firstName\" value=\"\">\n"
        + "<input type=\"text\" id=\"lastName\" name=\"lastName\" value=\"\">\n"
        + "<button class=\"pf-v5-c-button pf-m-primary\" type=\"submit\">Submit</button>\n</form>";
    switch (theme) {
      case KEYCLOAK_V2:
        return v2("login-login-update-profile", "Update Account Information", "Update Account Information", form);
      case KEYCLOAK_LEGACY:
        return legacy("Update Account Information", "Update Account Information", null, form);
      default:
        return custom("login-login-update-profile", "Vestr | Update Account Information", null, form);
    }
  }

  static String expired(LoginTheme theme) {
    String body = "<p id=\"instruction1\" class=\"instruction\">To restart the login process "
        + "<a id=\"loginRestartLink\" href=\"/realms/vestr/login-actions/restart\">Click here</a>.</p>";
    switch (theme) {
      case KEYCLOAK_V2:
        return v2("login-login-page-expired", "Sign in to vestr", "Page has expired", body);
      case KEYCLOAK_LEGACY:
        return legacy("Sign in to vestr", "Page has expired", null, body);
      default:
        return custom("login-login-page-expired", "Vestr | Page has expired", null, body);
    }
  }

  static String error(LoginTheme theme, String message) {
    String body = "<div id=\"kc-error-message\"><p class=\"instruction\">" + text(message) + "</p></div>";
    switch (theme) {
      case KEYCLOAK_V2:
        return v2("login-error", "Sign in to vestr", "We are sorry...", body);
      case KEYCLOAK_LEGACY:
        return legacy("Sign in to vestr", "We are sorry...", null, body);
      default:
        return custom("login-error", "Vestr | Error", null, body);
    }
  }

  /** Keycloak's form_post response: an upper-case auto-submitting form. */
  static String formPost(String redirectUri, Map<String, String> params) {
    StringBuilder html = new StringBuilder("<HTML><HEAD><TITLE>Submit This Form</TITLE></HEAD>"
        + "<BODY Onload=\"javascript:document.forms[0].submit()\"><FORM METHOD=\"POST\" ACTION=\"")
        .append(attr(redirectUri)).append("\">");
    params.forEach((name, value) -> {
      if (value != null) {
        html.append("<INPUT TYPE=\"HIDDEN\" NAME=\"").append(attr(name)).append("\" VALUE=\"")
            .append(attr(value)).append("\" />");
      }
    });
    html.append("<NOSCRIPT><P>JavaScript is disabled. We strongly recommend to enable it. Click the button below to continue .</P>"
        + "<INPUT name=\"continue\" TYPE=\"SUBMIT\" VALUE=\"CONTINUE\" /></NOSCRIPT></FORM></BODY></HTML>");
    return html.toString();
  }

  private static String v2(String pageId, String title, String heading, String content) {
    return "<!DOCTYPE html>\n<html class=\"pf-v5-c-login__container\" lang=\"en\" dir=\"ltr\">\n<head>\n"
        + "<meta charset=\"utf-8\"><title>" + text(title) + "</title>\n"
        + "<link href=\"/resources/x/login/keycloak.v2/css/styles.css\" rel=\"stylesheet\" />\n</head>\n"
        + "<body id=\"keycloak-bg\" class=\"\" data-page-id=\"" + pageId + "\">\n"
        + "<div class=\"pf-v5-c-login\"><div class=\"pf-v5-c-login__container\">\n"
        + "<header id=\"kc-header\" class=\"pf-v5-c-login__header\"><div id=\"kc-header-wrapper\" class=\"pf-v5-c-brand\">vestr</div></header>\n"
        + "<main class=\"pf-v5-c-login__main\"><div class=\"pf-v5-c-login__main-header\">"
        + "<h1 class=\"pf-v5-c-title pf-m-3xl\" id=\"kc-page-title\">" + text(heading) + "</h1></div>\n"
        + "<div class=\"pf-v5-c-login__main-body\">\n" + content + "\n</div></main></div></div>\n</body>\n</html>\n";
  }

  private static String legacy(String title, String heading, String error, String content) {
    return "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
        + "<html xmlns=\"http://www.w3.org/1999/xhtml\" class=\"login-pf\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>" + text(title) + "</title>\n</head>\n<body class=\"\">\n"
        + "<div class=\"login-pf-page\"><div id=\"kc-header\" class=\"login-pf-page-header\"><div id=\"kc-header-wrapper\">vestr</div></div>\n"
        + "<div class=\"card-pf\"><header class=\"login-pf-header\"><h1 id=\"kc-page-title\">" + text(heading) + "</h1></header>\n"
        + "<div id=\"kc-content\"><div id=\"kc-content-wrapper\">\n"
        + (error == null ? "" : "<div class=\"alert-error pf-c-alert pf-m-inline pf-m-danger\"><div class=\"pf-c-alert__icon\">"
            + "<span class=\"fa fa-fw fa-exclamation-circle\"></span></div><span class=\"kc-feedback-text\">" + text(error) + "</span></div>\n")
        + content + "\n</div></div></div></div>\n</body>\n</html>\n";
  }

  private static String custom(String pageId, String title, String error, String content) {
    return "<!doctype html><html><head><title>" + text(title) + "</title></head>"
        + "<body data-page-id=\"" + pageId + "\"><div class=\"brand\">Vestr</div><section class=\"card\">"
        + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + text(error) + "</p>")
        + content + "</section></body></html>";
  }

  private static String text(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String attr(String value) {
    return text(value).replace("\"", "&quot;");
  }
}

package io.progressreports.settings;

import java.util.regex.Pattern;

/** JDBC URLs as they may appear in logs and manifests: without passwords. */
public final class SafeUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]+):[^/@]*@");

    private SafeUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return USER_INFO.matcher(PASSWORD.matcher(url).replaceAll("$1***")).replaceAll("//$1:***@");
    }
}

package io.progressreports.failure;

/** Untrusted text (a job file's value, a flag, a table name) made fit for a one-line message. */
public final class Printable {

    private Printable() {
    }

    /** Control characters and overlong values are shown escaped and cut, so an error stays one readable line. */
    public static String of(String value) {
        return of(value, 80);
    }

    /** Like {@link #of(String)}, keeping up to {@code limit} characters. */
    public static String of(String value, int limit) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder();
        value.codePoints().limit(limit).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > limit ? out + "..." : out.toString();
    }
}

package io.progressreports.page;

/** A name and its value, as a page shows them. */
public record Fact(String name, String value) {
}

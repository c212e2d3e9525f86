package io.progressreports.day;

import java.util.function.Function;

/**
 * One column of a kind's day table that holds part of its aggregate {@code A}: its name and how its value comes
 * from an aggregate, declared together.
 *
 * @param cast the type a value bound as text is cast to ({@code bigint[]}, {@code jsonb}), or null
 */
public record DayColumn<A>(String name, String cast, Function<A, Object> value) {

    public static <A> DayColumn<A> of(String name, Function<A, Object> value) {
        return new DayColumn<>(name, null, value);
    }

    public static <A> DayColumn<A> cast(String name, String cast, Function<A, Object> value) {
        return new DayColumn<>(name, cast, value);
    }

    /** The value's place in an insert, as a named parameter of the column's name. */
    String placeholder() {
        return cast == null ? ":" + name : "cast(:" + name + " as " + cast + ")";
    }
}

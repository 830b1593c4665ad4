package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code [string]} on a {@code String} component (C706 14.3.4): a conformant varying string
 * (max_count, offset 0, actual_count, the characters and the terminating NUL), or with
 * {@link FixedSize} a varying string (offset, actual_count, characters, NUL). {@code CHAR} is an
 * 8-bit {@code char} string (ISO-8859-1 on encode; ASCII or EBCDIC per drep on decode),
 * {@code WCHAR} a {@code wchar_t} UTF-16 string.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER,
    ElementType.METHOD})
public @interface NdrString {
    Kind value() default Kind.WCHAR;

    enum Kind { CHAR, WCHAR }
}

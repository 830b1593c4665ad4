package org.dcom4j.ndr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as an operation parameter list: each component is a top-level parameter (top-level
 * pointer semantics, referents written right after each parameter, no structure alignment or max_count
 * hoisting).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface NdrParameters {
}

package org.quorate.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks test code that forbiddenapis must not check (it honours any annotation of this simple
 * name). Used only where the brief asks for a JDK API the jdk-non-portable list flags by its
 * package name.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR})
@interface SuppressForbidden {
  /**
   * @return why the suppression is sound
   */
  String reason();
}

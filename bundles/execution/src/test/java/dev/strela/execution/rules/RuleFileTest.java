package dev.strela.execution.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the test class of one shipped DRL file; {@link ShippedRuleFilesTest} fails for a file no class covers. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface RuleFileTest {
    /** The file name in {@code rules/}, e.g. {@code "cash.drl"}. */
    String value();
}

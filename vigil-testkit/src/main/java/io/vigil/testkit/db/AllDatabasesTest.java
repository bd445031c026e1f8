package io.vigil.testkit.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once per database kind ({@code [h2]}, {@code [postgresql]}), each time on a
 * fresh database handed in as a {@link TestDatabase} parameter (of the test method and of its
 * {@code @BeforeEach}/{@code @AfterEach} methods; the same instance within one invocation).
 *
 * <p>PostgreSQL comes from the environment variable {@code VIGIL_TEST_PG_URL}. When it is unset or
 * unreachable the PostgreSQL invocation is skipped with the reason, except under {@code CI=true}, where
 * it fails: CI must never go green without having tested PostgreSQL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(TestDatabasesExtension.class)
public @interface AllDatabasesTest {
}

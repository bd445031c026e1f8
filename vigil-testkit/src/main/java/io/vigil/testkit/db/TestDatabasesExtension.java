package io.vigil.testkit.db;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Expands a {@link AllDatabasesTest} into one invocation per {@link TestDatabase.Kind}. */
final class TestDatabasesExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(AllDatabasesTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(TestDatabase.Kind.values()).map(Invocation::new);
    }

    private record Invocation(TestDatabase.Kind kind) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.name().toLowerCase(Locale.ROOT) + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Availability(kind), new Resolver(kind));
        }
    }

    /** Skips (locally) or fails (under {@code CI=true}) the PostgreSQL invocation without a server. */
    private record Availability(TestDatabase.Kind kind) implements ExecutionCondition, BeforeEachCallback {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = unavailableReason();
            if (reason == null || onCi()) {
                return ConditionEvaluationResult.enabled("database available or required");
            }
            return ConditionEvaluationResult.disabled("skipped: " + reason);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            String reason = unavailableReason();
            if (reason != null) {
                throw new AssertionError(reason + " — CI=true requires PostgreSQL tests to run");
            }
        }

        private String unavailableReason() {
            return switch (kind) {
                case H2 -> null;
                case POSTGRESQL -> PostgresServer.fromEnvironment().unavailableReason();
            };
        }

        private static boolean onCi() {
            return "true".equalsIgnoreCase(System.getenv("CI"));
        }
    }

    /** Creates the invocation's database on first use and drops it when the invocation ends. */
    private record Resolver(TestDatabase.Kind kind) implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(TestDatabasesExtension.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            // Stored on the method-level context: @BeforeEach, the test and @AfterEach share it, and the
            // store closes it (dropping the database) after the invocation.
            return context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(TestDatabase.class, key -> new Closing(create()), Closing.class)
                    .database();
        }

        private TestDatabase create() {
            return switch (kind) {
                case H2 -> TestDatabase.h2();
                case POSTGRESQL -> TestDatabase.postgresql();
            };
        }
    }

    private record Closing(TestDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.close();
        }
    }
}

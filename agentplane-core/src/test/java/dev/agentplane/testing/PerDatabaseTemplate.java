package dev.agentplane.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs a test template once per {@link DatabaseKind}, resolving one parameter of type {@code T} from a fixture
 * shared by the tests of the class (closed, if {@link AutoCloseable}, after the class).
 */
public abstract class PerDatabaseTemplate<F, T> implements TestTemplateInvocationContextProvider {
    private final Class<T> parameterType;
    private final Class<F> fixtureType;

    protected PerDatabaseTemplate(Class<F> fixtureType, Class<T> parameterType) {
        this.fixtureType = fixtureType;
        this.parameterType = parameterType;
    }

    /** The fixture of one database kind for a test class, made once per class. */
    protected abstract F openFixture(DatabaseKind kind, String testClassName);

    /** The parameter one test gets from the class's fixture. */
    protected abstract T parameterFor(F fixture);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(DatabaseKind.values()).map(kind -> new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return "[" + kind + "]";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new Resolver(kind), skipWithoutPostgres(kind));
            }
        });
    }

    /** Skips the PostgreSQL run on a machine without PostgreSQL, unless CI=true, where it must run and fail. */
    private static ExecutionCondition skipWithoutPostgres(DatabaseKind kind) {
        return context -> kind == DatabaseKind.POSTGRESQL && !DatabaseKind.mustRunPostgres() && PostgresCluster.get() == null
                ? ConditionEvaluationResult.disabled("PostgreSQL is not available: " + PostgresCluster.unavailableReason())
                : ConditionEvaluationResult.enabled("database available or required");
    }

    private final class Resolver implements ParameterResolver {
        private final DatabaseKind kind;

        Resolver(DatabaseKind kind) {
            this.kind = kind;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == parameterType;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext classContext = context.getParent().flatMap(ExtensionContext::getParent).orElseThrow();
            ExtensionContext.Namespace namespace = ExtensionContext.Namespace.create(PerDatabaseTemplate.this.getClass());
            F fixture = classContext.getStore(namespace).getOrComputeIfAbsent(kind,
                    k -> openFixture(kind, classContext.getRequiredTestClass().getSimpleName()), fixtureType);
            return parameterFor(fixture);
        }
    }
}

package dev.agentplane.server.testing;

import dev.agentplane.testing.DatabaseKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** One server per database kind per test class, started on a free port and stopped after the class. */
final class ApiTestExtension implements TestTemplateInvocationContextProvider {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ApiTestExtension.class);

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
                return List.of(new Resolver(kind));
            }
        });
    }

    private record Resolver(DatabaseKind kind) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Api.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext classContext = context.getParent().flatMap(ExtensionContext::getParent).orElseThrow();
            TestServer server = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(kind,
                    k -> TestServer.start(kind, classContext.getRequiredTestClass().getSimpleName()), TestServer.class);
            return server.api();
        }
    }
}

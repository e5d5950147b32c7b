package dev.sagitta.camel.runner;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.SagaDefinitionProvider;
import dev.sagitta.engine.SagaException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the application's saga definitions: every {@link SagaDefinitionProvider} that
 * {@link ServiceLoader} finds through {@code META-INF/services/dev.sagitta.engine.SagaDefinitionProvider}.
 * Stateless; each call looks again.
 */
final class DefinitionDiscovery {

    static final String SERVICE_FILE = "META-INF/services/" + SagaDefinitionProvider.class.getName();

    private DefinitionDiscovery() {
    }

    /**
     * The definitions of every provider {@code classLoader} sees, in the order found.
     *
     * @throws SagaException if a provider cannot be loaded or fails, or if there is no definition at all
     */
    static List<SagaDefinition<?>> find(ClassLoader classLoader) {
        return find(classLoader, false);
    }

    /** @param noneIsFine the process has sagas of its own to run (Camel route sagas), so finding none is no error */
    static List<SagaDefinition<?>> find(ClassLoader classLoader, boolean noneIsFine) {
        List<SagaDefinition<?>> definitions = new ArrayList<>();
        List<String> providers = new ArrayList<>();
        try {
            for (SagaDefinitionProvider provider : ServiceLoader.load(SagaDefinitionProvider.class, classLoader)) {
                providers.add(provider.getClass().getName());
                definitions.addAll(definitionsOf(provider));
            }
        } catch (ServiceConfigurationError e) {
            throw new SagaException("Cannot load a saga definition provider named in " + SERVICE_FILE + ": "
                    + e.getMessage() + ". Check that the class is on the classpath, is public and has a public"
                    + " no-argument constructor", e);
        }
        if (definitions.isEmpty() && !noneIsFine) {
            String found = providers.isEmpty()
                    ? "no " + SagaDefinitionProvider.class.getName() + " is on the classpath"
                    : "the providers on the classpath (" + String.join(", ", providers) + ") returned none";
            throw new SagaException("No saga definitions to run: " + found + ". Add a class implementing "
                    + SagaDefinitionProvider.class.getName() + " and name it in a resource " + SERVICE_FILE
                    + " on the runner's classpath, set " + RunnerSettings.CAMEL_SAGAS + "=true if its routes use"
                    + " Camel's Saga EIP, or set " + RunnerSettings.ENGINE_ENABLED
                    + "=false to run only the routes (participants, for example)");
        }
        return definitions;
    }

    private static List<SagaDefinition<?>> definitionsOf(SagaDefinitionProvider provider) {
        List<SagaDefinition<?>> returned;
        try {
            returned = provider.definitions();
        } catch (RuntimeException e) {
            throw new SagaException("Saga definition provider " + provider.getClass().getName() + " failed: "
                    + e.getMessage(), e);
        }
        if (returned == null) {
            throw new SagaException("Saga definition provider " + provider.getClass().getName()
                    + " returned null; return a list, empty if it has nothing to offer");
        }
        for (SagaDefinition<?> definition : returned) {
            if (definition == null) {
                throw new SagaException("Saga definition provider " + provider.getClass().getName()
                        + " returned a null definition");
            }
        }
        return returned;
    }
}

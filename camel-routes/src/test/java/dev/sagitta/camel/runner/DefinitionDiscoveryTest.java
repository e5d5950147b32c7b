package dev.sagitta.camel.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sagitta.camel.runner.fixture.LedgerSaga;
import dev.sagitta.engine.SagaException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class DefinitionDiscoveryTest {

    @Test
    void finds_the_definitions_of_every_provider_named_in_meta_inf_services() {
        assertThat(DefinitionDiscovery.find(getClass().getClassLoader())).containsExactly(LedgerSaga.DEFINITION);
    }

    @Test
    void without_a_provider_says_how_to_add_one_or_to_run_routes_only() throws Exception {
        try (URLClassLoader nothing = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> DefinitionDiscovery.find(nothing))
                    .isInstanceOf(SagaException.class)
                    .hasMessageContaining("no dev.sagitta.engine.SagaDefinitionProvider is on the classpath")
                    .hasMessageContaining("META-INF/services/dev.sagitta.engine.SagaDefinitionProvider")
                    .hasMessageContaining("sagitta.engine.enabled=false");
        }
    }
}

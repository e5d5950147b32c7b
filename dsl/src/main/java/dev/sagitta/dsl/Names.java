package dev.sagitta.dsl;

/** Checks on names shared by the DSL's values. */
final class Names {

    private Names() {
    }

    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new SagaDefinitionException(what + " must not be blank");
        }
        return value;
    }
}

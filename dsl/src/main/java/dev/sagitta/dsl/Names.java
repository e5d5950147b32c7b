package dev.sagitta.dsl;

import java.util.regex.Pattern;

/** Checks on names shared by the DSL's values. */
final class Names {

    // {module}.{entity}.{action}, and more parts if a type needs them: trip.hotel.reserve
    private static final Pattern MESSAGE_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9][A-Za-z0-9_-]*){2,}");

    private Names() {
    }

    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new SagaDefinitionException(what + " must not be blank");
        }
        return value;
    }

    /** {@code value}, if it is a message type of the form {@code {module}.{entity}.{action}}. */
    static String requireMessageType(String value, String what) {
        requireName(value, what);
        if (!MESSAGE_TYPE.matcher(value).matches()) {
            throw new SagaDefinitionException(what + " '" + value + "' must read {module}.{entity}.{action},"
                    + " for example trip.hotel.reserve: three or more parts separated by '.', each of letters,"
                    + " digits, '-' and '_'");
        }
        return value;
    }
}

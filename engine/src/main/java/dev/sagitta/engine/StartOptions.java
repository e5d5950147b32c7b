package dev.sagitta.engine;

import org.jspecify.annotations.Nullable;

/**
 * Optional attributes of a saga start. Immutable and thread-safe; {@link #none()} has none.
 *
 * <pre>{@code
 * StartOptions.none().withBusinessKey("order-42").withCorrelationId("req-7").withTenantId("acme")
 * }</pre>
 *
 * @param businessKey   makes the start idempotent: a second start with the same key (and saga type)
 *                      returns the first saga instead of starting another
 * @param correlationId carried on every command and in the saga's record
 * @param tenantId      carried on every command and in the saga's record
 */
public record StartOptions(@Nullable String businessKey, @Nullable String correlationId, @Nullable String tenantId) {

    public StartOptions {
        requireNotBlank(businessKey, "businessKey");
        requireNotBlank(correlationId, "correlationId");
        requireNotBlank(tenantId, "tenantId");
    }

    public static StartOptions none() {
        return new StartOptions(null, null, null);
    }

    public StartOptions withBusinessKey(String key) {
        return new StartOptions(key, correlationId, tenantId);
    }

    public StartOptions withCorrelationId(String id) {
        return new StartOptions(businessKey, id, tenantId);
    }

    public StartOptions withTenantId(String id) {
        return new StartOptions(businessKey, correlationId, id);
    }

    private static void requireNotBlank(@Nullable String value, String name) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank; leave it out instead");
        }
    }
}

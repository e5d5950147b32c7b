package dev.sagitta.testing;

import dev.sagitta.dsl.RetryPolicy;
import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A five-step shop saga for the harness's own tests: stock, payment and shipping as remote
 * participants, loyalty points as a local step, and a retriable notification.
 */
final class ShopSaga {

    static final String STOCK = "stock-service";
    static final String PAYMENTS = "payment-service";
    static final String SHIPPING = "shipping-service";
    static final String MAIL = "mail-service";
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

    private ShopSaga() {
    }

    record Order(String item, @Nullable String reservation, @Nullable String payment, boolean pointsAwarded,
            @Nullable String parcel) {

        static Order of(String item) {
            return new Order(item, null, null, false, null);
        }

        Order withReservation(@Nullable String id) {
            return new Order(item, id, payment, pointsAwarded, parcel);
        }

        Order withPayment(@Nullable String id) {
            return new Order(item, reservation, id, pointsAwarded, parcel);
        }

        Order withPoints(boolean awarded) {
            return new Order(item, reservation, payment, awarded, parcel);
        }

        Order withParcel(@Nullable String id) {
            return new Order(item, reservation, payment, pointsAwarded, id);
        }
    }

    record Request(String item) {
    }

    record Done(String id) {
    }

    /** Loyalty points, kept per run; records every award and revocation that changed something. */
    static final class Points {
        private final List<String> awarded = new ArrayList<>();
        private final List<String> revoked = new ArrayList<>();
        private final boolean idempotent;

        Points(boolean idempotent) {
            this.idempotent = idempotent;
        }

        synchronized void award(String sagaId) {
            if (!idempotent || !awarded.contains(sagaId)) {
                awarded.add(sagaId);
            }
        }

        synchronized void revoke(String sagaId) {
            if (!idempotent || (awarded.contains(sagaId) && !revoked.contains(sagaId))) {
                revoked.add(sagaId);
            }
        }

        synchronized List<String> awarded() {
            return List.copyOf(awarded);
        }

        synchronized List<String> revoked() {
            return List.copyOf(revoked);
        }
    }

    static SagaDefinition<Order> definition(Points points) {
        RetryPolicy undo = RetryPolicy.fixed(10, Duration.ofSeconds(1));
        return Saga.define("shop", Order.class)
                .step("reserve", s -> s
                        .invoke(STOCK, "shop.stock.reserve", o -> new Request(o.item()))
                        .onReply(Done.class, (o, r) -> o.withReservation(r.id()))
                        .compensateWith(STOCK, "shop.stock.release", o -> new Request(o.item()))
                        .timeout(STEP_TIMEOUT).retry(RetryPolicy.fixed(2, Duration.ofSeconds(1))).compensationRetry(undo))
                .step("charge", s -> s
                        .invoke(PAYMENTS, "shop.payment.charge", o -> new Request(o.item()))
                        .onReply(Done.class, (o, r) -> o.withPayment(r.id()))
                        .compensateWith(PAYMENTS, "shop.payment.refund", o -> new Request(o.item()))
                        .timeout(STEP_TIMEOUT).compensationRetry(undo))
                .step("points", s -> s
                        .local((o, ctx) -> {
                            points.award(ctx.sagaId());
                            return o.withPoints(true);
                        })
                        .compensateLocally((o, ctx) -> {
                            points.revoke(ctx.sagaId());
                            return o.withPoints(false);
                        })
                        .timeout(STEP_TIMEOUT).compensationRetry(undo))
                .step("ship", s -> s
                        .invoke(SHIPPING, "shop.parcel.book", o -> new Request(o.item()))
                        .onReply(Done.class, (o, r) -> o.withParcel(r.id()))
                        .compensateWith(SHIPPING, "shop.parcel.cancel", o -> new Request(o.item()))
                        .timeout(STEP_TIMEOUT).compensationRetry(undo))
                .step("notify", s -> s
                        .invoke(MAIL, "shop.customer.notify", o -> new Request(o.item()))
                        .retriable()
                        .timeout(STEP_TIMEOUT)
                        .retry(RetryPolicy.forever(Duration.ofSeconds(1), Duration.ofSeconds(8))))
                .build();
    }

    /** A harness where every participant says yes. */
    static SagaTestHarness.Builder happyWorld(SagaDefinition<Order> shop) {
        return worldWhere(shop, Map.of());
    }

    /** A harness where every participant says yes, except those scripted otherwise here. */
    static SagaTestHarness.Builder worldWhere(SagaDefinition<Order> shop, Map<String, Consumer<ParticipantScript>> scripts) {
        Map<String, Consumer<ParticipantScript>> all = new LinkedHashMap<>();
        all.put(STOCK, stock -> stock.on("shop.stock.reserve", Reply.success(new Done("R-1"))));
        all.put(PAYMENTS, payments -> payments.on("shop.payment.charge", Reply.success(new Done("P-1"))));
        all.put(SHIPPING, shipping -> shipping.on("shop.parcel.book", Reply.success(new Done("S-1"))));
        all.put(MAIL, mail -> mail.on("shop.customer.notify", Reply.success()));
        all.putAll(scripts);
        SagaTestHarness.Builder builder = SagaTestHarness.builder().register(shop);
        all.forEach(builder::participant);
        return builder;
    }
}

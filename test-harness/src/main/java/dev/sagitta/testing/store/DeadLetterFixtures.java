package dev.sagitta.testing.store;

import dev.sagitta.engine.spi.DeadLetter;
import dev.sagitta.engine.spi.DeadLetterKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Dead letters for the contract, with plain defaults so each test states only what it is about. */
final class DeadLetterFixtures {

    private DeadLetterFixtures() {
    }

    /** A pending letter that kept failing, for saga-1, from kafka:trip.replies. */
    static DeadLetter letter(String id, Instant createdAt) {
        return letter(id, DeadLetterKind.HANDLING_FAILED, "saga-1", "kafka:trip.replies", createdAt);
    }

    static DeadLetter letter(String id, DeadLetterKind kind, @Nullable String sagaId, String source,
            Instant createdAt) {
        return DeadLetter.pending(id, kind, "handling kept failing", source, "msg-" + id, "trip.hotel.booked", sagaId,
                Map.of("ce_id", "msg-" + id, "ce_type", "trip.hotel.booked"), "{\"hotel\":\"h-1\"}", 3, createdAt);
    }

    static List<String> ids(List<DeadLetter> letters) {
        return letters.stream().map(DeadLetter::id).toList();
    }
}

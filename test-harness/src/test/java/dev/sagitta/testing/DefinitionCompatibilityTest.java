package dev.sagitta.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.Saga;
import dev.sagitta.dsl.SagaDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionCompatibilityTest {

    record Parcel(String item, boolean wrapped) {
        Parcel {
            Objects.requireNonNull(item, "item");
        }
    }

    record Pick(String item) {
    }

    private static final SagaDefinition<Parcel> V1 = Saga.define("parcel", Parcel.class)
            .step("pick", s -> s.invoke("stock-service", "parcel.stock.pick", p -> new Pick(p.item()))
                    .compensateWith("stock-service", "parcel.stock.return", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .step("ship", s -> s.invoke("shipping-service", "parcel.shipment.create", p -> new Pick(p.item()))
                    .compensateWith("shipping-service", "parcel.shipment.cancel", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .build();

    private static final SagaDefinition<Parcel> V2 = Saga.define("parcel", Parcel.class)
            .version(2)
            .step("pick", s -> s.invoke("stock-service", "parcel.stock.pick", p -> new Pick(p.item()))
                    .compensateWith("stock-service", "parcel.stock.return", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .step("wrap", s -> s.local((p, ctx) -> new Parcel(p.item(), true)).compensateLocally((p, ctx) -> p))
            .step("ship", s -> s.invoke("shipping-service", "parcel.shipment.create", p -> new Pick(p.item()))
                    .compensateWith("shipping-service", "parcel.shipment.cancel", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .build();

    /** Version 1 edited in place: the mistake the check is for. */
    private static final SagaDefinition<Parcel> V1_EDITED = Saga.define("parcel", Parcel.class)
            .step("pick", s -> s.invoke("stock-service", "parcel.stock.pick", p -> new Pick(p.item()))
                    .compensateWith("stock-service", "parcel.stock.return", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .step("wrap", s -> s.local((p, ctx) -> new Parcel(p.item(), true)).compensateLocally((p, ctx) -> p))
            .step("ship", s -> s.invoke("shipping-service", "parcel.shipment.create", p -> new Pick(p.item()))
                    .compensateWith("shipping-service", "parcel.shipment.cancel", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .build();

    /** Version 1 with the same shape, whose shipping command can no longer be made from old sagas. */
    private static final SagaDefinition<Parcel> V1_SHIPS_ONLY_WRAPPED = Saga.define("parcel", Parcel.class)
            .step("pick", s -> s.invoke("stock-service", "parcel.stock.pick", p -> new Pick(p.item()))
                    .compensateWith("stock-service", "parcel.stock.return", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .step("ship", s -> s.invoke("shipping-service", "parcel.shipment.create", p -> {
                        if (!p.wrapped()) {
                            throw new IllegalStateException("only wrapped parcels ship");
                        }
                        return new Pick(p.item());
                    })
                    .compensateWith("shipping-service", "parcel.shipment.cancel", p -> new Pick(p.item()))
                    .timeout(Duration.ofSeconds(5)))
            .build();

    private static SagaTestHarness.Builder release(SagaDefinition<?>... definitions) {
        return SagaTestHarness.builder()
                .register(definitions)
                // Slow services, so sagas are caught in flight at every commit.
                .participant("stock-service", stock -> stock.otherwise(Reply.success().after(Duration.ofSeconds(2))))
                .participant("shipping-service", shipping -> shipping.otherwise(Reply.success().after(Duration.ofSeconds(3))));
    }

    private static InFlightRecording recordedUnderVersionOne() {
        return DefinitionCompatibility.record(() -> release(V1), harness -> {
            harness.startSaga(V1, new Parcel("lamp", false));
            harness.advance(Duration.ofSeconds(1));
            harness.startSaga(V1, new Parcel("chair", false));
        });
    }

    @Test
    void a_new_version_registered_beside_the_old_one_finishes_every_saga_left_in_flight() {
        InFlightRecording recording = recordedUnderVersionOne();

        CompatibilityReport report = DefinitionCompatibility.resume(recording, () -> release(V1, V2));

        report.assertCompatible();
        assertThat(report.snapshots()).isGreaterThanOrEqualTo(4);
        assertThat(report.sagas()).isGreaterThan(report.snapshots());
    }

    @Test
    void dropping_the_old_version_while_its_sagas_are_in_flight_is_reported() {
        CompatibilityReport report = DefinitionCompatibility.resume(recordedUnderVersionOne(), () -> release(V2));

        assertThat(report.compatible()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .startsWith("parcel v1 has sagas in flight but the new release does not register it: keep registering parcel v1");
    }

    @Test
    void editing_a_version_in_place_is_reported_with_what_changed() {
        CompatibilityReport report = DefinitionCompatibility.resume(recordedUnderVersionOne(), () -> release(V1_EDITED, V2));

        assertThat(report.problems()).singleElement().asString()
                .contains("parcel v1 changed without a new version: its steps were [pick, ship] and are now [pick, wrap, ship]")
                .contains("Give the changed definition a new version");
    }

    @Test
    void a_saga_that_ends_otherwise_after_the_takeover_is_reported() {
        CompatibilityReport report = DefinitionCompatibility.resume(recordedUnderVersionOne(),
                () -> release(V1_SHIPS_ONLY_WRAPPED, V2));

        assertThat(report.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                .contains("parcel v1 saga ended COMPENSATED after taking over, where the old release ended it COMPLETED"));
    }

    @Test
    void a_recording_kept_as_a_file_is_read_back_and_old_data_the_new_classes_cannot_read_is_reported(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("sagas/parcel-v1.json");
        recordedUnderVersionOne().writeTo(file);
        DefinitionCompatibility.resume(InFlightRecording.readFrom(file), () -> release(V1, V2)).assertCompatible();

        // The release that recorded it called the field "article"; this one's Parcel requires "item".
        Files.writeString(file, Files.readString(file).replace("\\\"item\\\"", "\\\"article\\\""));
        CompatibilityReport report = DefinitionCompatibility.resume(InFlightRecording.readFrom(file), () -> release(V1, V2));

        assertThat(report.problems()).singleElement().asString()
                .startsWith("the data of parcel v1 sagas no longer reads as " + Parcel.class.getName())
                .contains("item");
    }

    @Test
    void a_missing_recording_says_how_to_make_one(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InFlightRecording.readFrom(dir.resolve("none.json")))
                .hasMessageContaining("DefinitionCompatibility.record(...).writeTo(path)");
    }
}

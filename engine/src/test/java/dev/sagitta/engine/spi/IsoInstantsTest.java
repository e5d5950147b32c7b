package dev.sagitta.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void reads_back_every_instant_as_instant_to_string_writes_it() {
        for (Instant instant : randomInstants(7, "1970-01-01T00:00:00Z")) {
            assertThat(IsoInstants.parseUtc(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }

    @Test
    void writes_every_instant_as_instant_to_string_does() {
        for (Instant instant : randomInstants(11, "0001-01-01T00:00:00Z")) {
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
    }

    /**
     * 100,000 instants from {@code from} to the end of year 9999, in turn whole seconds and with
     * milli-, micro- and nanoseconds: {@code toString} writes 0, 3, 6 or 9 fraction digits.
     */
    private static List<Instant> randomInstants(long seed, String from) {
        SplittableRandom random = new SplittableRandom(seed);
        long first = Instant.parse(from).getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos));
        }
        return instants;
    }

    @Test
    void writes_the_edges_of_four_digit_years_and_leaves_the_rest_to_instant_to_string() {
        for (String text : new String[] {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "2028-02-29T12:00:00.000001Z",
                "0000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
        assertThat(IsoInstants.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(IsoInstants.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }

    @Test
    void reads_a_fraction_of_any_length_as_iso_8601_does() {
        assertThat(IsoInstants.parseUtc("2030-01-01T09:00:00.5Z")).isEqualTo(Instant.parse("2030-01-01T09:00:00.5Z"));
        assertThat(IsoInstants.parseUtc("2030-02-28T23:59:59.1234Z"))
                .isEqualTo(Instant.parse("2030-02-28T23:59:59.1234Z"));
        assertThat(IsoInstants.parseUtc("2028-02-29T12:00:00Z")).isEqualTo(Instant.parse("2028-02-29T12:00:00Z"));
    }

    @Test
    void leaves_any_other_text_to_the_general_parser() {
        assertThat(IsoInstants.parseUtc("2030-01-01T10:00:00+01:00")).isNull();
        assertThat(IsoInstants.parseUtc("2030-01-01 09:00:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("2030-01-01T09:00:00.Z")).isNull();
        assertThat(IsoInstants.parseUtc("2030-01-01T09:00:00.1234567890Z")).isNull();
        assertThat(IsoInstants.parseUtc("2030-02-30T09:00:00Z")).as("no such day").isNull();
        assertThat(IsoInstants.parseUtc("2030-01-01T24:00:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("2030-13-01T09:00:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("2030-01-01T09:0x:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("+12030-01-01T09:00:00Z")).isNull();
        assertThat(IsoInstants.parseUtc("")).isNull();
    }
}

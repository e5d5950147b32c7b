package dev.sagitta.engine.spi;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads UTC times in the form {@link Instant#toString()} writes
 * ({@code 2030-01-01T09:00:00.123456Z}) without {@code DateTimeFormatter}. Every Sagitta message
 * carries that form in {@code ce_time}, and the store binds every instant it writes as that text.
 * Both go through a formatter otherwise, which allocates a print or parse context per call: parsing
 * {@code ce_time} showed as a tenth of the CPU samples of a broker benchmark, and formatting the
 * store's instants as an eighth of its committing threads' samples. Here so that a store and a
 * transport, the adapters this package serves, write and read one form. Thread-safe (stateless).
 */
public final class IsoInstants {

    /** 0001-01-01T00:00:00Z: years before this are written with a sign, which is left to {@link Instant#toString()}. */
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_135_596_800L;
    /** 10000-01-01T00:00:00Z: from this year on, years are written with a sign too. */
    private static final long FIRST_FIVE_DIGIT_SECOND = 253_402_300_800L;
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /**
     * The same text as {@code instant.toString()}: {@code yyyy-MM-ddTHH:mm:ssZ}, with 3, 6 or 9
     * fraction digits when the instant has a fraction of a second.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds >= FIRST_FIVE_DIGIT_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        write(text, 0, 4, date.getYear());
        text[4] = '-';
        write(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        write(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        write(text, 11, 2, secondOfDay / 3_600);
        text[13] = ':';
        write(text, 14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        write(text, 17, 2, secondOfDay % 60);
        if (fractionDigits > 0) {
            text[19] = '.';
            int fraction = fractionDigits == 3 ? nanos / 1_000_000 : fractionDigits == 6 ? nanos / 1_000 : nanos;
            write(text, 20, fractionDigits, fraction);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code from}. */
    private static void write(char[] text, int from, int width, int value) {
        int rest = value;
        for (int i = from + width - 1; i >= from; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /**
     * The instant {@code text} names, if it has the form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with
     * valid fields; null for any other text, which the caller parses the general way.
     */
    public static @Nullable Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.' || length == 21) {
                return null;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int scale = length - 1 - 20; scale < 9; scale++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException invalidDate) {
            return null;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

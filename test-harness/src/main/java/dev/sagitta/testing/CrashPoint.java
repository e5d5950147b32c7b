package dev.sagitta.testing;

import java.util.Locale;
import java.util.Objects;

/**
 * A moment at which a {@link FaultPlan} crashes the engine: just before or just after its n-th
 * commit to the store, or just after its n-th send to the broker. Counting starts at 1 and runs
 * across restarts. Immutable and thread-safe.
 *
 * <p>Written as {@code before-commit-3}, {@code after-commit-3} or {@code after-send-2}; {@link
 * #parse(String)} reads that form back, so a crash point printed by a failing run can be replayed.
 *
 * @param moment  when, relative to the effect
 * @param ordinal which effect of that kind, from 1
 */
public record CrashPoint(Moment moment, int ordinal) {

    /** When the crash happens, relative to the effect it is counted by. */
    public enum Moment {
        /** The commit is never written: whatever ran since the last commit is lost. */
        BEFORE_COMMIT,
        /** The commit is written, then the process dies before it sends what the commit queued. */
        AFTER_COMMIT,
        /** The broker took the command, then the process died before it noted that it sent it. */
        AFTER_SEND
    }

    public CrashPoint {
        Objects.requireNonNull(moment, "moment");
        if (ordinal < 1) {
            throw new IllegalArgumentException("ordinal counts from 1, was " + ordinal);
        }
    }

    public static CrashPoint beforeCommit(int ordinal) {
        return new CrashPoint(Moment.BEFORE_COMMIT, ordinal);
    }

    public static CrashPoint afterCommit(int ordinal) {
        return new CrashPoint(Moment.AFTER_COMMIT, ordinal);
    }

    public static CrashPoint afterSend(int ordinal) {
        return new CrashPoint(Moment.AFTER_SEND, ordinal);
    }

    /** Reads the form {@link #toString()} writes, for example {@code after-send-2}. */
    public static CrashPoint parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash > 0) {
            String moment = text.substring(0, dash).toUpperCase(Locale.ROOT).replace('-', '_');
            Moment parsed = null;
            int ordinal = 0;
            try {
                parsed = Moment.valueOf(moment);
                ordinal = Integer.parseInt(text.substring(dash + 1));
            } catch (IllegalArgumentException unreadable) {
                // falls through to the error that shows the expected form
            }
            if (parsed != null) {
                return new CrashPoint(parsed, ordinal);
            }
        }
        throw new IllegalArgumentException("not a crash point: '" + text
                + "'; expected before-commit-N, after-commit-N or after-send-N");
    }

    @Override
    public String toString() {
        return moment.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + ordinal;
    }
}

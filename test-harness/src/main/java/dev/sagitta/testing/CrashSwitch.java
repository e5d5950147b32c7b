package dev.sagitta.testing;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Counts the engine's durable effects (commits and sends, across restarts), notes each crash point
 * it passes, and says when the planned one is reached. One per harness; used on its one thread.
 */
final class CrashSwitch {

    private final @Nullable CrashPoint target;
    private final List<CrashPoint> passed = new ArrayList<>();
    private int commits;
    private int sends;
    private boolean fired;

    CrashSwitch(@Nullable CrashPoint target) {
        this.target = target;
    }

    /** Notes the next commit's "before" point; the point to crash at if it is the planned one. */
    @Nullable CrashPoint beforeCommit() {
        commits++;
        return pass(CrashPoint.beforeCommit(commits));
    }

    @Nullable CrashPoint afterCommit() {
        return pass(CrashPoint.afterCommit(commits));
    }

    @Nullable CrashPoint afterSend() {
        sends++;
        return pass(CrashPoint.afterSend(sends));
    }

    private @Nullable CrashPoint pass(CrashPoint point) {
        passed.add(point);
        if (!fired && point.equals(target)) {
            fired = true;
            return point;
        }
        return null;
    }

    /** Every crash point passed so far, in order: where a run could have crashed. */
    List<CrashPoint> passed() {
        return List.copyOf(passed);
    }

    boolean fired() {
        return fired;
    }
}

package dev.sagitta.dsl;

/**
 * What a step (or a compensation) does: send a command to a participant, or run a local function.
 * Implementations are immutable records.
 *
 * @param <D> the saga data type
 */
public sealed interface StepAction<D> permits RemoteCall, LocalCall {

    /** A short description for messages and timelines, for example {@code hotel-service:trip.hotel.reserve}. */
    String describe();
}

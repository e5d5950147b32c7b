package dev.sagitta.engine.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagitta.dsl.SagaDefinition;
import dev.sagitta.engine.JacksonPayloadCodec;
import dev.sagitta.engine.internal.core.SagaEvent.LocalOutcome;
import dev.sagitta.engine.internal.core.Trips.Reserved;
import dev.sagitta.engine.internal.core.Trips.Trip;
import dev.sagitta.engine.spi.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The machine is a pure function: the same definition, state, event and time give the same transition. */
class SagaStateMachineDeterminismTest {

    private static IdGenerator counter() {
        AtomicInteger next = new AtomicInteger();
        return () -> "msg-" + next.incrementAndGet();
    }

    private static List<Transition> play(Function<SagaRun<Trip>, SagaRun<Trip>> scenario) {
        return scenario.apply(SagaRun.start(Trips.parallelTrip(), Trip.to("Lisbon"))).transitions();
    }

    private static SagaRun<Trip> busyScenario(SagaRun<Trip> run) {
        run.after(Duration.ofSeconds(2)).succeed("reserve-hotel", new Reserved("H-1"));
        run.after(Duration.ofSeconds(1)).succeed("reserve-flight", new Reserved("F-1"));
        run.after(Duration.ofSeconds(1)).succeed("reserve-flight", new Reserved("F-dup"));
        run.wakeUpWhenDue();
        run.compensated("reserve-train");
        run.after(Duration.ofSeconds(30)).wakeUp();
        run.wakeUpWhenDue();
        return run;
    }

    @Test
    void theSameScenarioPlayedTwiceGivesEqualTransitions() {
        List<Transition> first = play(SagaStateMachineDeterminismTest::busyScenario);
        List<Transition> second = play(SagaStateMachineDeterminismTest::busyScenario);

        assertThat(first).hasSizeGreaterThan(5);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void applyingTheSameEventToTheSameStateTwiceGivesEqualTransitions() {
        SagaDefinition<Trip> definition = Trips.threeStepTrip();
        SagaRun<Trip> run = SagaRun.start(definition, Trip.to("Lisbon"));
        run.succeed("reserve-hotel", new Reserved("H-1"));
        run.succeed("reserve-flight", new Reserved("F-1"));
        SagaState state = run.state();
        SagaEvent failure = new SagaEvent.LocalFinished("reserve-car", 1, false, LocalOutcome.FAILED_BUSINESS, null,
                "no cars");
        Instant at = run.now().plusSeconds(3);
        JacksonPayloadCodec codec = new JacksonPayloadCodec();

        Transition once = new SagaStateMachine(codec, counter()).apply(definition, state, failure, at);
        Transition again = new SagaStateMachine(codec, counter()).apply(definition, state, failure, at);

        assertThat(again).isEqualTo(once);
        assertThat(once.commands()).isNotEmpty();
        assertThat(run.state()).as("the input state is left as it was").isSameAs(state);
    }

    @Test
    void startingTwiceWithTheSameInputsGivesEqualTransitions() {
        SagaDefinition<Trip> definition = Trips.parallelTrip();
        JacksonPayloadCodec codec = new JacksonPayloadCodec();
        SagaEvent.Start start = new SagaEvent.Start("saga-9", definition.name(), definition.version(),
                codec.encode(Trip.to("Porto")), null, null, null);

        Transition once = new SagaStateMachine(codec, counter()).start(definition, start, SagaRun.T0);
        Transition again = new SagaStateMachine(codec, counter()).start(definition, start, SagaRun.T0);

        assertThat(again).isEqualTo(once);
    }

    @Test
    void everyTimelineEntryIsStampedWithTheEventTimeAndNumberedWithoutGaps() {
        List<Transition> transitions = play(SagaStateMachineDeterminismTest::busyScenario);

        int expectedSeq = 1;
        for (Transition transition : transitions) {
            for (TimelineEntry entry : transition.timeline()) {
                assertThat(entry.seq()).isEqualTo(expectedSeq++);
            }
            assertThat(transition.state().historySeq()).isEqualTo(expectedSeq - 1);
        }
        SagaRun<Trip> run = busyScenario(SagaRun.start(Trips.parallelTrip(), Trip.to("Lisbon")));
        assertThat(run.last().timeline()).allSatisfy(entry -> assertThat(entry.at()).isEqualTo(run.now()));
    }
}

package dev.sagitta.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs one scenario under every failure it can meet, and checks each run against the saga rules
 * ({@link SagaInvariants}) and any of the test's own.
 *
 * <p>For seed 0 (no message faults) and for each message-fault seed, it runs the scenario once
 * without a crash, notes every crash point the run passed, then runs it again once per crash point,
 * crashing the engine there and restarting it on the same store. Every run starts from a fresh
 * world, lets the sagas settle in virtual time, and is then checked. A broken rule is reported
 * with the seed and crash point that replay it exactly.
 *
 * <pre>{@code
 * SagaExploration exploration = SagaExploration.of(
 *         () -> SagaTestHarness.builder().register(TRIP).participant(HOTEL, hotel -> ...),
 *         harness -> harness.startSaga(TRIP, trip))
 *     .seeds(100);
 * exploration.run().assertNoViolations();
 * }</pre>
 *
 * <p>The world supplier is called once per run, possibly from several threads at once: whatever
 * state a run's participants or local steps keep must be made inside it. Defaults: 100 seeds from
 * 1, the standard message-fault rates ({@link FaultPlan#seeded(long)}), crash points on, one hour
 * of virtual time to settle, as many threads as processors. Not thread-safe to configure; {@link
 * #run()} may be called again.
 */
public final class SagaExploration {

    /** At most this many violations are kept in a report. */
    public static final int MAX_VIOLATIONS = 20;

    private final Supplier<SagaTestHarness.Builder> world;
    private final Scenario scenario;
    private final Map<String, SagaInvariant> invariants = new LinkedHashMap<>(SagaInvariants.all());
    private long firstSeed = 1;
    private int seeds = 100;
    private FaultPlan faults = FaultPlan.seeded(0);
    private boolean crashPoints = true;
    private Duration settleWithin = Duration.ofHours(1);
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** What a test does in each run: usually, start a saga. */
    @FunctionalInterface
    public interface Scenario {
        void run(SagaTestHarness harness);
    }

    /** The harness of one replayed run, settled, and the rule it broke, if any. */
    public record Replay(SagaTestHarness harness, @Nullable Violation violation) {
    }

    private SagaExploration(Supplier<SagaTestHarness.Builder> world, Scenario scenario) {
        this.world = world;
        this.scenario = scenario;
    }

    /**
     * @param world    makes a fresh harness builder per run (definitions, participants, store); the
     *                 exploration adds the fault plan
     * @param scenario what each run does
     */
    public static SagaExploration of(Supplier<SagaTestHarness.Builder> world, Scenario scenario) {
        return new SagaExploration(Objects.requireNonNull(world, "world"), Objects.requireNonNull(scenario, "scenario"));
    }

    /** Tries message-fault seeds 1 to {@code count}. */
    public SagaExploration seeds(int count) {
        return seeds(1, count);
    }

    /** Tries message-fault seeds {@code first} to {@code first + count - 1}. */
    public SagaExploration seeds(long first, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if (first < 1) {
            throw new IllegalArgumentException("seeds start at 1 (0 is the run without message faults), was " + first);
        }
        this.firstSeed = first;
        this.seeds = count;
        return this;
    }

    /** The message-fault rates to draw from; its seed and crash point are ignored. */
    public SagaExploration faults(FaultPlan rates) {
        Objects.requireNonNull(rates, "faults");
        if (!rates.hasMessageFaults()) {
            throw new IllegalArgumentException("these rates cause no message faults, so every seed would give the"
                    + " same run; for crash points alone, use seeds(0)");
        }
        this.faults = rates.withCrashAt(null);
        return this;
    }

    /** Whether to crash the engine at every crash point (on by default). */
    public SagaExploration crashPoints(boolean enabled) {
        this.crashPoints = enabled;
        return this;
    }

    /**
     * How much virtual time a run may take to settle before it is checked. A run whose sagas never
     * finish is driven for all of it, one poll interval at a time, so keep it short for such
     * scenarios.
     */
    public SagaExploration settleWithin(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("settleWithin must be positive, was " + limit);
        }
        this.settleWithin = limit;
        return this;
    }

    /**
     * Requires every saga to be terminal once the run had {@link #settleWithin} to settle; by default
     * a saga may also end a run waiting with a wake-up set (a step retried forever, say).
     */
    public SagaExploration requireFinished() {
        invariants.putIfAbsent("finishes", SagaInvariants.finishes());
        return this;
    }

    /** Adds a rule of the test's own, checked after every run. */
    public SagaExploration invariant(String name, SagaInvariant invariant) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("give the invariant a name; reports quote it");
        }
        if (invariants.containsKey(name)) {
            throw new IllegalArgumentException("an invariant named '" + name + "' is already checked");
        }
        invariants.put(name, Objects.requireNonNull(invariant, "invariant"));
        return this;
    }

    /** How many runs go side by side (each run is single-threaded and deterministic). */
    public SagaExploration threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + count);
        }
        this.threads = count;
        return this;
    }

    /** Runs the whole exploration. */
    public ExplorationReport run() {
        long began = System.nanoTime();
        List<Long> allSeeds = new ArrayList<>();
        allSeeds.add(0L);
        for (int i = 0; i < seeds; i++) {
            allSeeds.add(firstSeed + i);
        }
        List<SeedResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, allSeeds.size()), runnable -> {
            Thread thread = new Thread(runnable, "sagitta-exploration");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<SeedResult>> futures = new ArrayList<>();
            for (long seed : allSeeds) {
                futures.add(pool.submit(() -> exploreSeed(seed)));
            }
            for (Future<SeedResult> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exploration interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("exploration failed outside any run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        int runs = 0;
        int crashRuns = 0;
        List<Violation> violations = new ArrayList<>();
        results.sort(Comparator.comparingLong(SeedResult::seed));
        for (SeedResult result : results) {
            runs += result.runs();
            crashRuns += result.runs() - 1;
            violations.addAll(result.violations());
        }
        return new ExplorationReport(runs, seeds, crashRuns, Duration.ofNanos(System.nanoTime() - began),
                violations.subList(0, Math.min(MAX_VIOLATIONS, violations.size())));
    }

    /** Runs one run again: message faults from {@code seed} (0 for none), crashing at {@code crashPoint} if given. */
    public Replay replay(long seed, @Nullable String crashPoint) {
        FaultPlan plan = planFor(seed).withCrashAt(crashPoint == null ? null : CrashPoint.parse(crashPoint));
        return runOnce(plan);
    }

    private FaultPlan planFor(long seed) {
        return seed == 0 ? faults.withoutMessageFaults().withSeed(0) : faults.withSeed(seed);
    }

    private SeedResult exploreSeed(long seed) {
        FaultPlan plan = planFor(seed);
        List<Violation> violations = new ArrayList<>();
        Replay clean = runOnce(plan);
        int runs = 1;
        if (clean.violation() != null) {
            violations.add(clean.violation());
        }
        if (crashPoints) {
            for (CrashPoint point : clean.harness().crashPointsPassed()) {
                Replay crashed = runOnce(plan.withCrashAt(point));
                runs++;
                if (crashed.violation() != null && violations.size() < MAX_VIOLATIONS) {
                    violations.add(crashed.violation());
                }
            }
        }
        return new SeedResult(seed, runs, violations);
    }

    private Replay runOnce(FaultPlan plan) {
        SagaTestHarness harness;
        try {
            harness = world.get().faults(plan).build();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the world could not make a harness for the run under " + plan + ": " + e, e);
        }
        try {
            scenario.run(harness);
            harness.runUntilAllTerminal(settleWithin);
        } catch (RuntimeException | AssertionError e) {
            return new Replay(harness, new Violation(plan, "scenario", String.valueOf(e), describe(harness)));
        }
        if (plan.crashPoint() != null && !harness.crashed()) {
            return new Replay(harness, new Violation(plan, "deterministic runs", "the run never reached "
                    + plan.crashPoint() + ", which the same run without a crash passed: something in the scenario or"
                    + " the world is not deterministic (shared state between runs, real time, an unordered"
                    + " iteration)", describe(harness)));
        }
        for (Map.Entry<String, SagaInvariant> invariant : invariants.entrySet()) {
            try {
                invariant.getValue().check(harness);
            } catch (RuntimeException | AssertionError broken) {
                return new Replay(harness, new Violation(plan, invariant.getKey(),
                        String.valueOf(broken.getMessage()), describe(harness)));
            }
        }
        return new Replay(harness, null);
    }

    private static String describe(SagaTestHarness harness) {
        try {
            return harness.describe();
        } catch (RuntimeException e) {
            return "(could not describe the run: " + e + ")";
        }
    }

    private record SeedResult(long seed, int runs, List<Violation> violations) {
    }
}

package dev.sagitta.examples.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The route-saga example as its README command runs it, with and without a failing step. */
class OrderRouteSagaAppTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        return new CommandLine(new OrderRouteSagaApp(out)).execute(all);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void orders_that_go_through_confirm_every_step_last_first() {
        assertThat(run("--orders", "2")).isZero();

        assertThat(output()).contains("order-1: order created\n  order-1: credit reserved: 120\n"
                + "  order-1: shipping booked\n  order-1: shipping confirmed\n  order-1: credit charged\n"
                + "  order-1: order confirmed\n").contains("All 2 sagas COMPLETED");
    }

    @Test
    void an_order_that_shipping_refuses_is_undone_last_first_and_nothing_is_confirmed() {
        assertThat(run("--orders", "1", "--fail", "shipping")).isZero();

        assertThat(output()).contains("order-1: order created\n  order-1: credit reserved: 120\n"
                + "  order-1: shipping cancelled\n  order-1: credit released\n  order-1: order cancelled\n")
                .doesNotContain("shipping confirmed", "credit charged", "order confirmed").contains("All 1 sagas COMPENSATED");
    }
}

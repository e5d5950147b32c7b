package dev.sagitta.examples.order;

import java.util.Objects;

/**
 * One line of an order. Immutable.
 *
 * @param sku      the stock-keeping unit ordered, not blank
 * @param quantity how many, at least 1
 */
public record OrderLine(String sku, int quantity) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity + " for " + sku);
        }
    }
}

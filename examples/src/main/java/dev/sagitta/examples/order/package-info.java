/**
 * The order-fulfilment example: reserve stock, authorise the payment, award loyalty points
 * locally, create the shipment, then notify the customer (retriable). Every step before the
 * notification is compensatable, so a failure anywhere up to the shipment undoes the order.
 */
@NullMarked
package dev.sagitta.examples.order;

import org.jspecify.annotations.NullMarked;

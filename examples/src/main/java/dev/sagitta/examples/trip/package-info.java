/**
 * The trip-booking example: reserve a hotel, a flight and a car from three participants over Camel
 * routes, charge the payment locally, confirm (the pivot) and send the itinerary (retriable).
 * Participants keep their effects in their own tables, so a run can be checked for consistency.
 */
@NullMarked
package dev.sagitta.examples.trip;

import org.jspecify.annotations.NullMarked;

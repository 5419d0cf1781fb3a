/**
 * The pure part of {@code procward exporter}: turning probe readings into bounded metric values.
 * Everything here is a function of its inputs (or a small accumulator), so the rules that keep
 * cardinality and cost bounded are tested without an HTTP server.
 */
package dev.procward.probes.metrics;

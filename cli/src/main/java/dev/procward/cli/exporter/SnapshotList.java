package dev.procward.cli.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A terse way to build the client library's metric snapshots; the library writes the format. */
final class SnapshotList {

    private final List<MetricSnapshot> metrics = new ArrayList<>();

    void gauge(String name, String help, Consumer<Points> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.accept((labels, value) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()));
        metrics.add(b.build());
    }

    /** {@code name} without {@code _total}: the text format adds it. */
    void counter(String name, String help, Consumer<Points> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.accept((labels, value) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build()));
        metrics.add(b.build());
    }

    /** One unlabelled point. */
    static Consumer<Points> value(double value) {
        return p -> p.add(Labels.EMPTY, value);
    }

    /** One point per label value. */
    static Consumer<Points> byLabel(String label, Map<String, ? extends Number> byValue) {
        return p -> byValue.forEach((v, n) -> p.add(Labels.of(label, v), n.doubleValue()));
    }

    MetricSnapshots build() {
        return new MetricSnapshots(metrics);
    }

    @FunctionalInterface
    interface Points {
        void add(Labels labels, double value);
    }
}

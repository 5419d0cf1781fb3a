package dev.procward.cli.bench;

import dev.procward.probes.spawn.MachineFacts;
import dev.procward.probes.spawn.Method;
import dev.procward.probes.spawn.Target;
import dev.procward.probes.spawn.SpawnReport;
import dev.procward.probes.spawn.SpawnReport.Cell;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The picture that settles fork against posix_spawn at a glance: median latency against the
 * parent's size, one line per method, both axes logarithmic, written as PNG and SVG.
 */
final class SpawnChart {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 680;
    /** One colour per method, so a method keeps its colour across targets and huge-page variants. */
    private static final Map<String, Color> COLOURS = Map.of(
            Method.FFM_POSIX_SPAWN.id(), new Color(0xd62728),
            Method.FFM_CLONE_FLOOR.id(), new Color(0xff9896),
            Method.C_FORK_EXEC.id(), new Color(0x1f77b4),
            Method.C_VFORK_EXEC.id(), new Color(0x17becf),
            Method.C_POSIX_SPAWN.id(), new Color(0x9467bd),
            Method.C_CLONE_FLOOR.id(), new Color(0xa0a0a0),
            Method.PB_POSIX_SPAWN.id(), new Color(0x2ca02c),
            Method.PB_FORK.id(), new Color(0x8c564b),
            Method.PB_VFORK.id(), new Color(0xbcbd22));
    private static final BasicStroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[]{7f, 4f}, 0f);
    private static final BasicStroke SOLID = new BasicStroke(2f);

    private SpawnChart() {}

    /** Writes {@code prefix.png} and {@code prefix.svg}; returns the two paths. */
    static List<Path> write(SpawnReport report, Path prefix) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // The JDK's JNI text shaper, not its FFM one (JDK 22+ default): a CI run crashed inside
        // the FFM path's HarfBuzz (hb_ot_layout_table_find_feature_variations, SIGSEGV on a wild
        // face pointer) while drawing this chart's titles, in a JVM that had run every other
        // cli test first. The property is read once, when the first text is laid out.
        System.setProperty("sun.font.layout.ffm", "false");
        XYChart chart = chart(report);
        Path png = Path.of(prefix + ".png");
        Path svg = Path.of(prefix + ".svg");
        BitmapEncoder.saveBitmapWithDPI(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG, 110);
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return List.of(png, svg);
    }

    static XYChart chart(SpawnReport report) {
        MachineFacts m = report.machine();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Spawn latency vs parent RSS (median) · Linux " + m.kernel() + " · " + m.cpus() + " CPUs · THP " + m.thpMode())
                .xAxisTitle("parent memory touched (MiB)")
                .yAxisTitle("median µs, creation to reaped child")
                .build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");

        for (var series : series(report.cells()).entrySet()) {
            List<Cell> cells = series.getValue();
            double[] x = cells.stream().mapToDouble(c -> Math.max(c.parentBytes() / (double) (1L << 20), 1)).toArray();
            double[] y = cells.stream().mapToDouble(c -> c.latency().medianMicros()).toArray();
            XYSeries s = chart.addSeries(series.getKey(), x, y);
            Cell first = cells.getFirst();
            s.setLineColor(COLOURS.getOrDefault(first.method(), Color.DARK_GRAY));
            s.setMarkerColor(COLOURS.getOrDefault(first.method(), Color.DARK_GRAY));
            // Huge pages dashed; the static target with square markers; /bin/true with circles.
            s.setLineStyle(first.hugePages() ? DASHED : SOLID);
            s.setMarker(Target.STATIC.equals(first.target()) ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** One series per method, target and huge-page setting, in size order. */
    static Map<String, List<Cell>> series(List<Cell> cells) {
        Map<String, List<Cell>> series = new LinkedHashMap<>();
        boolean manyTargets = cells.stream().map(Cell::target).filter(Objects::nonNull).distinct().count() > 1;
        for (Cell c : cells) {
            String name = c.label() + (manyTargets && c.target() != null ? " → " + c.target() : "") + (c.hugePages() ? " (THP)" : "");
            series.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(c);
        }
        series.replaceAll((k, v) -> v.stream().sorted(Comparator.comparingLong(Cell::parentBytes)).toList());
        return series;
    }
}

package dev.procward.cli.exporter;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: the client library's server on one address, serving {@code /metrics} and
 * {@code /-/healthy} (the liveness and readiness probe). Two handler threads are enough: scrapes
 * that arrive together share one snapshot anyway.
 */
public final class ExporterServer implements AutoCloseable {

    private final HTTPServer http;
    private final ListenAddress requested;

    private ExporterServer(HTTPServer http, ListenAddress requested) {
        this.http = http;
        this.requested = requested;
    }

    public static ExporterServer start(ListenAddress listen, ProcwardCollector collector) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        ExecutorService handlers = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "procward-exporter-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HTTPServer http = HTTPServer.builder()
                    .inetAddress(listen.address())
                    .port(listen.port())
                    .registry(registry)
                    .executorService(handlers)
                    .buildAndStart();
            return new ExporterServer(http, listen);
        } catch (IOException e) {
            handlers.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
    }

    /** The bound address; the port is the real one when 0 was asked for. */
    public ListenAddress address() {
        return new ListenAddress(requested.address(), http.getPort());
    }

    @Override
    public void close() {
        http.close();
    }
}

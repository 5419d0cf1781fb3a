package dev.procward.probes.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What continuous D-state sampling has seen. Each sample adds one observation per thread found in
 * uninterruptible sleep, under its wchan and under its syscall, so
 * {@code rate(observations) / rate(samples)} is the average number of such threads, whatever
 * the sampling rate. Label values are admitted through sticky budgets so every counter stays
 * monotonic and the number of series stays bounded.
 */
public final class DStateTally {

    /** One thread seen in D state: where it sleeps and in which system call. */
    public record Observation(String wchan, String syscall) {}

    public record View(long samples, long lastSampleThreads, Map<String, Long> byWchan, Map<String, Long> bySyscall) {}

    private final LabelBudget wchanBudget;
    private final LabelBudget syscallBudget;
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong lastSampleThreads = new AtomicLong();
    private final Map<String, LongAdder> byWchan = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bySyscall = new ConcurrentHashMap<>();

    public DStateTally(int maxLabelValues) {
        this.wchanBudget = new LabelBudget(maxLabelValues);
        this.syscallBudget = new LabelBudget(maxLabelValues);
    }

    public void record(Iterable<Observation> sample) {
        long n = 0;
        for (Observation o : sample) {
            n++;
            byWchan.computeIfAbsent(wchanBudget.admit(o.wchan()), k -> new LongAdder()).increment();
            bySyscall.computeIfAbsent(syscallBudget.admit(o.syscall()), k -> new LongAdder()).increment();
        }
        lastSampleThreads.set(n);
        samples.incrementAndGet();
    }

    public View view() {
        return new View(samples.get(), lastSampleThreads.get(), sum(byWchan), sum(bySyscall));
    }

    private static Map<String, Long> sum(Map<String, LongAdder> m) {
        Map<String, Long> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}

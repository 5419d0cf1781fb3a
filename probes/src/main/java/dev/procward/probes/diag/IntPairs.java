package dev.procward.probes.diag;

import java.util.Arrays;
import java.util.List;

/** Pairs of ints in one growing array: (pid, tid) of listed threads, (tid, fd) of descriptors. */
final class IntPairs {
    private int[] items;
    private int size;

    IntPairs(int expected) {
        items = new int[2 * expected];
    }

    void add(int first, int second) {
        if (2 * size == items.length) items = Arrays.copyOf(items, Math.max(16, 2 * items.length));
        items[2 * size] = first;
        items[2 * size + 1] = second;
        size++;
    }

    int size() {
        return size;
    }

    int first(int i) {
        return items[2 * i];
    }

    int second(int i) {
        return items[2 * i + 1];
    }

    static IntPairs concat(List<IntPairs> parts) {
        if (parts.size() == 1) return parts.getFirst();
        IntPairs all = new IntPairs(parts.stream().mapToInt(IntPairs::size).sum());
        for (IntPairs p : parts) {
            System.arraycopy(p.items, 0, all.items, 2 * all.size, 2 * p.size);
            all.size += p.size;
        }
        return all;
    }
}

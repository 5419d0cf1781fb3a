import dev.procward.simulator.SimConfig;
import dev.procward.simulator.SimulatedKernel;
import dev.procward.simulator.ProcRenderer;

/** Simulated fork+exit+wait cycles per second, and the time to render a /proc of N processes. */
public class Throughput {
    public static void main(String[] args) throws Exception {
        int cycles = 200_000;
        for (int round = 0; round < 3; round++) {
            SimulatedKernel k = new SimulatedKernel(SimConfig.host());
            long t = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                int c = k.fork(1);
                k.exit(c, 0);
                k.waitpid(1, c, SimulatedKernel.WNOHANG);
            }
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("round %d: %d fork+exit+wait cycles in %.3f s = %.0f cycles/s%n", round, cycles, s, cycles / s);
        }
        for (int n : new int[]{1_000, 10_000}) {
            SimulatedKernel k = new SimulatedKernel(SimConfig.host());
            for (int i = 0; i < n; i++) k.fork(1);
            long t = System.nanoTime();
            new ProcRenderer().renderToMemory(k);
            System.out.printf("render /proc of %d processes into Jimfs: %.0f ms%n", n, (System.nanoTime() - t) / 1e6);
        }
    }
}

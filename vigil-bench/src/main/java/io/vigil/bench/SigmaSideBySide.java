package io.vigil.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares versions of {@code vigil-sigma} in one JVM, under the same load: each version's classes (a folder or jar)
 * are loaded, ahead of this benchmark jar, in a class loader of their own, with a {@link SigmaPhases} each; rounds
 * alternate between the versions and the second half of the rounds is averaged. On a machine shared with other
 * work, runs of separate JVMs minutes apart differ by more than the changes measured; alternating in one JVM does
 * not.
 *
 * <pre>java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.SigmaSideBySide rounds rules samples classes...</pre>
 * {@code vigil-bench/scripts/sigma-side-by-side.sh} builds the classes of git revisions and runs it.
 */
public final class SigmaSideBySide {

    /** Finds {@code io.vigil.sigma} and the phases in its own URLs first; everything else from the parent path. */
    private static final class VersionLoader extends URLClassLoader {
        VersionLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SigmaSideBySide <rounds> <rules folder> <samples folder> <classes>...");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        URL bench = SigmaSideBySide.class.getProtectionDomain().getCodeSource().getLocation();
        List<String> names = new ArrayList<>();
        List<Object> phases = new ArrayList<>();
        List<Method> round = new ArrayList<>();
        for (int v = 3; v < args.length; v++) {
            // The version's classes come before the benchmark jar, which carries its own copy of vigil-sigma.
            ClassLoader loader = new VersionLoader(new URL[] {Path.of(args[v]).toUri().toURL(), bench});
            Class<?> type = loader.loadClass(SigmaPhases.class.getName());
            phases.add(type.getConstructor(Path.class, Path.class).newInstance(Path.of(args[1]), Path.of(args[2])));
            round.add(type.getMethod("round"));
            names.add(Path.of(args[v]).getFileName().toString());
        }
        double[][] sums = new double[names.size()][3];
        int counted = 0;
        for (int r = 0; r < rounds; r++) {
            for (int v = 0; v < names.size(); v++) {
                double[] cost = (double[]) round.get(v).invoke(phases.get(v));
                System.out.printf(Locale.ROOT, "round %2d  %-12s decode %6.0f  route %6.0f  all %6.0f ns%n", r,
                        names.get(v), cost[0], cost[1], cost[2]);
                if (r >= rounds / 2) {
                    for (int k = 0; k < 3; k++) {
                        sums[v][k] += cost[k];
                    }
                }
            }
            if (r >= rounds / 2) {
                counted++;
            }
        }
        System.out.printf(Locale.ROOT, "%nmean of rounds %d..%d, CPU ns per event (routing and rules without "
                + "decoding); ratio = (decode + all) / (decode + route)%n", rounds / 2, rounds - 1);
        for (int v = 0; v < names.size(); v++) {
            double decode = sums[v][0] / counted;
            double route = sums[v][1] / counted;
            double all = sums[v][2] / counted;
            System.out.printf(Locale.ROOT, "%-12s decode %6.0f  route %6.0f  all %6.0f  rules %6.0f  ratio %.2f%n",
                    names.get(v), decode, route, all, all - route, (decode + all) / (decode + route));
        }
    }
}

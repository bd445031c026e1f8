package io.vigil.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * CPU used by this process and by the whole machine at one instant, to tell in the report whether the
 * run had the cores to itself: a shared machine's other load depresses the figures. Machine-wide CPU
 * comes from {@code /proc/stat} and is absent elsewhere.
 *
 * @param machineBusyTicks busy clock ticks of all cores since boot (USER_HZ; user, system, interrupts), or -1
 *                         without /proc/stat
 * @param stealTicks       ticks the hypervisor gave to other guests while this one wanted to run, or -1
 */
record HostSample(long nanos, long processCpuNanos, long machineBusyTicks, long stealTicks, long gcMillis) {

    /** Linux reports /proc/stat in USER_HZ, which is 100 on every mainstream platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    static HostSample now() {
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t >= 0).sum();
        long[] ticks = readProcStat();
        return new HostSample(System.nanoTime(), process, ticks[0], ticks[1], gc);
    }

    /** Cores this process kept busy on average between {@code earlier} and this sample. */
    double processCores(HostSample earlier) {
        return processCpuNanos < 0 ? Double.NaN : (double) (processCpuNanos - earlier.processCpuNanos) / (nanos - earlier.nanos);
    }

    /** Cores the whole machine kept busy on average between {@code earlier} and this sample. */
    double machineCores(HostSample earlier) {
        return cores(machineBusyTicks, earlier.machineBusyTicks, earlier);
    }

    /** Cores' worth of time the hypervisor withheld between {@code earlier} and this sample. */
    double stealCores(HostSample earlier) {
        return cores(stealTicks, earlier.stealTicks, earlier);
    }

    private double cores(long ticks, long earlierTicks, HostSample earlier) {
        if (ticks < 0 || earlierTicks < 0) {
            return Double.NaN;
        }
        return (ticks - earlierTicks) / TICKS_PER_SECOND / ((nanos - earlier.nanos) / 1e9);
    }

    /** The 1-minute load average, or NaN where the platform has none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String describeHost() {
        Runtime runtime = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(gc -> gc.getName().split(" ")[0]).distinct().collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d cores, %s, JDK %s (%s), max heap %.1f GiB, GC %s, %s",
                runtime.availableProcessors(), memory(), Runtime.version(), System.getProperty("java.vendor"),
                runtime.maxMemory() / (double) (1L << 30), gcs,
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GiB RAM", os.getTotalMemorySize() / (double) (1L << 30));
        }
        return "RAM unknown";
    }

    /** Busy and steal ticks of the first ("cpu", all cores) line of /proc/stat; -1 each where unreadable. */
    private static long[] readProcStat() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            // cpu user nice system idle iowait irq softirq steal guest guest_nice
            String[] fields = lines.getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(fields[i]);
            }
            return new long[] {busy, fields.length > 8 ? Long.parseLong(fields[8]) : -1};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}

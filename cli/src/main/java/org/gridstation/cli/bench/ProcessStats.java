package org.gridstation.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of another process, from {@code /proc/<pid>/stat} and {@code status}. */
final class ProcessStats {
    /** Linux's USER_HZ: {@code /proc/<pid>/stat} counts CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User plus system CPU seconds the process has used so far (all its threads). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state(0) ppid … utime is field 14 of the line, so index 11 here
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds per thread group of the process so far: thread names as the kernel keeps them
     * ({@code /proc/<pid>/task/<tid>/comm}, at most 15 characters) with digits dropped, so a pool's
     * threads add up ({@code hivemq-eventloo}, {@code extension-task-}). Threads that ended are
     * not counted.
     */
    static java.util.Map<String, Double> cpuSecondsByThread(long pid) throws IOException {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read
                }
            }
        }
        return byName;
    }

    /** A {@code kB} line of {@code /proc/<pid>/status} such as {@code VmRSS} or {@code VmHWM}, in KiB. */
    static long statusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** This JVM's own CPU seconds. */
    static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }
}

// What the server process costs, read from the kernel's accounting in /proc.
//
// The load generator (autocannon) runs inside the bench process, on the same two cores as the
// server. Timing requests from the client side mixes both; the kernel's per-process counters
// (utime + stime of every thread, so argon2's hashing on the password thread counts too) give the
// server's own CPU, whatever the client costs, and how long its event loop waited for a core.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (USER_HZ), the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = clockTicksPerSecond();

function clockTicksPerSecond() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100; // the value on every mainstream Linux build
  }
}

/** CPU seconds the process has used so far, user + system, all threads. */
export function cpuSeconds(pid) {
  // The command name (field 2) may hold spaces: the fields that follow start after its ') '.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND; // utime + stime
}

/**
 * Seconds the process's main thread (the event loop: its thread id is the process id) has spent
 * runnable but waiting for a core, from the scheduler's own accounting (`schedstat`, field 2, in
 * nanoseconds). NaN on a kernel built without it.
 */
export function eventLoopWaitSeconds(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}

/** Resident set size in bytes now (0 once the process is gone). */
export function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the RSS every `intervalMs` until stopped; stop() answers the highest sample. A single
 * reading at the end of a load would miss a peak in the middle of it.
 */
export function sampleRss(pid, intervalMs = 200) {
  let peak = rssBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssBytes(pid));
    },
  };
}

// Process plumbing: CPU pinning, CPU time and peak memory of a child, read from /proc.
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** Whether an executable is on PATH (`which`), without running it. */
export function has(command) {
  try {
    execFileSync('which', [command], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const taskset = has('taskset')
const cores = (() => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 1
  } catch {
    return 1
  }
})()

/** How processes are pinned in this run, for the report. */
export const pinning = taskset && cores >= 2 ? 'taskset: server on core 0, client on core 1' : 'none'

/**
 * Spawns `node script ...args` pinned to one core when `taskset` is present and the machine has
 * two cores or more. `taskset` execs node, so the child's pid is node's pid.
 */
export function spawnNode(script, args, core, options = {}) {
  const argv = [...(options.nodeArgs ?? []), script, ...args]
  if (pinning !== 'none') return spawn('taskset', ['-c', String(core), process.execPath, ...argv], options)
  return spawn(process.execPath, argv, options)
}

/** Same as spawnNode for any executable (the load generator). */
export function spawnPinned(command, args, core, options = {}) {
  if (pinning !== 'none') return spawn('taskset', ['-c', String(core), command, ...args], options)
  return spawn(command, args, options)
}

/** User + system CPU time of a process in seconds (`/proc/<pid>/stat`, ticks of 1/100 s). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** Peak resident set size of a process in MiB (`VmHWM` in `/proc/<pid>/status`). */
export function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = status.match(/^VmHWM:\s*(\d+)\s*kB/m)
  return match ? Number(match[1]) / 1024 : Number.NaN
}

/** Runs a child to completion; resolves with its stdout, rejects with its stderr on failure or timeout. */
export function collect(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (data) => {
      stdout += data
    })
    child.stderr.on('data', (data) => {
      stderr += data
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`timed out after ${timeoutMs} ms\n${stderr}`))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve(stdout)
      else reject(new Error(`exited with ${code}\n${stderr.trim() || stdout.trim()}`))
    })
  })
}

/** The telling line of a failure: the first `…Error: …` line of its text, else its first line. */
export function reason(error) {
  const text = String(error?.message ?? error)
  const line = text.split('\n').find((candidate) => /^\s*\w*Error\b.*:/.test(candidate)) ?? text.split('\n')[0]
  return line.trim().slice(0, 160)
}

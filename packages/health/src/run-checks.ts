import type { ErrorStream } from '@tsgi/core'

/** A readiness check: fails when it returns or resolves `false`, throws or rejects. */
export type HealthCheck = () => boolean | undefined | Promise<boolean | undefined>

/**
 * Runs every check at once, each bounded by `timeout`; resolves to the names of those that failed,
 * in the order given, and writes why each failed to `errors`.
 */
export async function runChecks(
  checks: readonly [string, HealthCheck][],
  timeout: number,
  errors: ErrorStream,
): Promise<string[]> {
  const results = await Promise.all(checks.map(([, check]) => runOne(check, timeout)))
  const failing: string[] = []
  for (const [index, reason] of results.entries()) {
    if (reason === undefined) continue
    const name = (checks[index] as [string, HealthCheck])[0]
    failing.push(name)
    errors.write(`health(): readiness check ${JSON.stringify(name)} failed: ${reason}\n`)
  }
  return failing
}

/** Resolves to `undefined` when the check passed, else to why it failed. */
async function runOne(check: HealthCheck, timeout: number): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeout} ms`), timeout)
  })
  const ran = (async () => {
    const passed = await check()
    return passed === false ? 'it returned false' : undefined
  })().catch((error: unknown) => (error instanceof Error && error.stack ? error.stack : String(error)))
  try {
    return await Promise.race([ran, expired])
  } finally {
    clearTimeout(timer)
  }
}

import { get } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort, killAll, listening, printed, tsgi } from './run-tsgi.js'

afterEach(killAll)

/**
 * One GET on a connection of its own (`agent: false` sends `Connection: close`): a refused
 * connection or a request left unanswered shows as an error. Keep-alive clients meet another race
 * on any server that drains: an idle connection closed just as a request goes out on it, which
 * RFC 9112 §9.3.1 lets the client send again; that is the client's retry, not a lost request.
 */
function getOnce(url: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
      response.on('error', reject)
    })
    request.on('error', reject)
    // A request the server accepted and never answered is lost: fail it rather than wait forever.
    request.setTimeout(5000, () => request.destroy(new Error('no answer within 5 s')))
  })
}

/** Keeps `concurrency` clients sending requests until `stop()`; counts answers and failures. */
function load(url: string, concurrency: number) {
  let running = true
  const pids = new Set<number>()
  const failures: string[] = []
  let answered = 0
  const client = async (): Promise<void> => {
    while (running) {
      try {
        const { status, text } = await getOnce(url)
        if (status !== 200) failures.push(`status ${status}`)
        else {
          answered++
          pids.add(Number(text.trim().split(' ').pop()))
        }
      } catch (error) {
        failures.push(String(error))
      }
    }
  }
  const clients = Promise.all(Array.from({ length: concurrency }, client))
  return {
    pids,
    failures,
    answered: () => answered,
    stop: async () => {
      running = false
      await clients
    },
  }
}

describe('tsgi serve --workers N: rolling restart', () => {
  it('replaces every worker on SIGHUP, one at a time, with no request refused or lost under load', async () => {
    const run = tsgi(['serve', './app.mjs', '--port', String(await freePort()), '--workers', '2', '--quiet'])
    const url = await listening(run)
    const before = load(url, 4)
    for (let tries = 0; tries < 500 && before.pids.size < 2; tries++) await new Promise((r) => setTimeout(r, 20))
    expect(before.pids.size).toBe(2)
    const old = new Set(before.pids)
    before.pids.clear()
    const atHangup = before.answered()
    run.child.kill('SIGHUP')
    expect(await printed(run, 'tsgi: restart done'), `${run.out()}${run.err()}`).toBe(true)
    const during = before.answered() - atHangup
    await new Promise((resolve) => setTimeout(resolve, 300))
    await before.stop()
    expect(before.failures).toEqual([])
    expect(during).toBeGreaterThan(0) // requests were answered while the workers were replaced
    expect(run.out()).toContain('tsgi: SIGHUP: restarting 2 worker(s) one at a time')
    // The workers answering now are all new ones.
    const after = load(url, 2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await after.stop()
    expect(after.failures).toEqual([])
    expect([...after.pids].filter((pid) => old.has(pid))).toEqual([])
    expect(after.pids.size).toBe(2)
    expect(run.err()).toBe('')
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
  }, 60_000)
})

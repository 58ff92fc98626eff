import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
// The default tsgi.errors of serve() is this stream on fd 2; a file stands in for a redirected stderr.
import { fdErrorStream } from '../src/error-stream.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function logFile(): { path: string; fd: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tsgi-errors-'))
  dirs.push(dir)
  const path = join(dir, 'stderr.log')
  return { path, fd: openSync(path, 'w') }
}

describe('the default tsgi.errors stream (spec §3.3.2, REVIEW A5)', () => {
  it('returns from write() before the text reaches a file, then writes it all in order', async () => {
    const { path, fd } = logFile()
    const errors = fdErrorStream(fd)
    for (let index = 0; index < 100; index++) errors.write(`line ${index}\n`)
    // process.stderr on a file writes synchronously: the file would already hold the text here.
    expect(statSync(path).size).toBe(0)
    await errors.idle()
    closeSync(fd)
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
    expect(lines).toEqual(Array.from({ length: 100 }, (_, index) => `line ${index}`))
  })

  it('drops lines past 1 MiB queued and says how many, instead of growing without bound', async () => {
    const { path, fd } = logFile()
    const errors = fdErrorStream(fd)
    const line = `${'x'.repeat(1023)}\n`
    for (let index = 0; index < 1100; index++) errors.write(line)
    await errors.idle()
    await errors.idle()
    closeSync(fd)
    const text = readFileSync(path, 'utf8')
    expect(text).toMatch(/\[tsgi\] \d+ lines of tsgi\.errors dropped/)
    expect(text.length).toBeLessThan(1100 * 1024)
  })
})

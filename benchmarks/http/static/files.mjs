// The files the static scenarios serve, made once in the system's temp directory: a 1 KiB text
// file and the 64 MiB payload of the streaming scenarios (so `downloadDigest` checks it).
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHUNK_COUNT, makeChunk, TOTAL } from '../stream/body.mjs'

/** The directory every static server serves. */
export const root = join(tmpdir(), 'tsgi-bench-static')

/** The 1 KiB file's text, which the load scenario expects back. */
export const small = `${'0123456789abcdef'.repeat(63)}static-file-1KiB\n`.slice(0, 1024)

/** Writes the files unless they are there already (write to a temporary name, then rename). */
export function ensureFiles() {
  mkdirSync(root, { recursive: true })
  const smallPath = join(root, 'small.txt')
  if (!existsSync(smallPath) || statSync(smallPath).size !== 1024) {
    writeFileSync(`${smallPath}.${process.pid}`, small)
    renameSync(`${smallPath}.${process.pid}`, smallPath)
  }
  const bigPath = join(root, 'big.bin')
  if (!existsSync(bigPath) || statSync(bigPath).size !== TOTAL) {
    const chunk = makeChunk()
    const fd = openSync(`${bigPath}.${process.pid}`, 'w')
    for (let index = 0; index < CHUNK_COUNT; index++) writeSync(fd, chunk)
    closeSync(fd)
    renameSync(`${bigPath}.${process.pid}`, bigPath)
  }
}

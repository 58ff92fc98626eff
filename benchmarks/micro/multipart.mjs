// One multipart cell = one process: `node micro/multipart.mjs <implementation> <input> <budgetMs>`.
// Builds the input body once in memory (64 KiB chunks, as a socket delivers it), checks that the
// implementation reads the right parts and bytes, then parses it repeatedly for about budgetMs and
// prints {"mibps", "cpuMsPerMiB", "runs"}: wall-clock throughput and process CPU (user + system,
// every thread) per MiB of body. Every implementation reads every byte of every part.
import { createInput } from '@tsgi/core'
import { guard } from './cell.mjs'

const [implementation, input, budget = '2000'] = process.argv.slice(2)
const BOUNDARY = '----WebKitFormBoundaryQ8vLxw2Tz0pYkR3c'
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`
const CHUNK = 64 * 1024
const encoder = new TextEncoder()

/** The body, and what a reader must see: [name, filename, size] per part. */
function build(kind) {
  const pieces = []
  const expected = []
  const add = (name, filename, content) => {
    const disposition = `form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`
    const type = filename === undefined ? '' : '\r\nContent-Type: application/octet-stream'
    pieces.push(
      encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`),
      content,
      encoder.encode('\r\n'),
    )
    expected.push([name, filename ?? null, content.length])
  }
  if (kind === 'file64') {
    // Pseudo-random bytes (CR, LF and "-" as often as any byte), fixed by a seed.
    const content = new Uint8Array(64 * 1024 * 1024)
    let x = 2463534242
    for (let i = 0; i < content.length; i++) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      content[i] = x & 0xff
    }
    add('upload', 'big.bin', content)
  } else {
    for (let i = 0; i < 1000; i++) add(`field${i}`, undefined, encoder.encode(`value number ${i} of a form`))
  }
  pieces.push(encoder.encode(`--${BOUNDARY}--\r\n`))
  const body = Buffer.concat(pieces)
  const chunks = []
  for (let i = 0; i < body.length; i += CHUNK) chunks.push(body.subarray(i, i + CHUNK))
  return { chunks, size: body.length, expected }
}

async function tsgi(parts, chunks) {
  const iterator = chunks[Symbol.iterator]()
  const environ = {
    CONTENT_TYPE,
    'tsgi.input': createInput(() => ({ next: async () => iterator.next() })),
  }
  const seen = []
  for await (const part of parts(environ, { fileSize: Number.POSITIVE_INFINITY, fields: 2000 })) {
    if (part.filename === undefined) seen.push([part.name, null, Buffer.byteLength(await part.text())])
    else {
      let size = 0
      for await (const chunk of part) size += chunk.length
      seen.push([part.name, part.filename, size])
    }
  }
  return seen
}

async function load(name) {
  if (name === 'tsgi') {
    const { parts } = await import('@tsgi/multipart')
    return (chunks) => tsgi(parts, chunks)
  }
  if (name === '@fastify/busboy') {
    const { Busboy } = await import('@fastify/busboy')
    return (chunks) =>
      new Promise((resolve, reject) => {
        const seen = []
        const bb = new Busboy({ headers: { 'content-type': CONTENT_TYPE }, limits: { fields: 2000 } })
        bb.on('file', (field, stream, filename) => {
          const entry = [field, filename, 0]
          seen.push(entry)
          stream.on('data', (data) => {
            entry[2] += data.length
          })
        })
        bb.on('field', (field, value) => seen.push([field, null, Buffer.byteLength(value)]))
        bb.on('finish', () => resolve(seen))
        bb.on('error', reject)
        for (const chunk of chunks) bb.write(chunk)
        bb.end()
      })
  }
  if (name === 'busboy') {
    const { default: busboy } = await import('busboy')
    return (chunks) =>
      new Promise((resolve, reject) => {
        const seen = []
        const bb = busboy({ headers: { 'content-type': CONTENT_TYPE }, limits: { fields: 2000 } })
        bb.on('file', (field, stream, info) => {
          const entry = [field, info.filename, 0]
          seen.push(entry)
          stream.on('data', (data) => {
            entry[2] += data.length
          })
        })
        bb.on('field', (field, value) => seen.push([field, null, Buffer.byteLength(value)]))
        bb.on('close', () => resolve(seen))
        bb.on('error', reject)
        for (const chunk of chunks) bb.write(chunk)
        bb.end()
      })
  }
  throw new Error(`unknown implementation ${name}`)
}

guard(async () => {
  const parse = await load(implementation)
  const { chunks, size, expected } = build(input)
  const got = await parse(chunks)
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    process.stdout.write(`${JSON.stringify({ error: `wrong answer: ${JSON.stringify(got).slice(0, 200)}` })}\n`)
    return
  }
  for (let i = 0; i < 2; i++) await parse(chunks) // warm-up
  const started = performance.now()
  const cpu = process.cpuUsage()
  let runs = 0
  while (performance.now() - started < Number(budget) || runs < 3) {
    await parse(chunks)
    runs++
  }
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpu)
  const mib = (size * runs) / (1024 * 1024)
  const result = { mibps: mib / (elapsed / 1000), cpuMsPerMiB: (used.user + used.system) / 1000 / mib, runs }
  process.stdout.write(`${JSON.stringify(result)}\n`)
})

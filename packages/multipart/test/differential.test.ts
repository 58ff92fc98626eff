import { Busboy as FastifyBusboy } from '@fastify/busboy'
import { parts } from '@tsgi/multipart'
import { type MultipartEntry, multipartBody } from '@tsgi/test'
import busboy from 'busboy'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { environOf } from './helpers.js'

/** What a parser saw in one part: the same shape for all three. */
interface Seen {
  name: string
  filename: string | undefined
  type: string
  content: string // hex, so bytes compare exactly
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const BOUNDARY = '----tsgiDifferential0123456789'

async function ours(chunks: Uint8Array[], contentType: string): Promise<Seen[]> {
  const { environ } = environOf(chunks, contentType)
  const seen: Seen[] = []
  for await (const part of parts(environ, { files: 100, fileSize: 1 << 20 })) {
    seen.push({ name: part.name, filename: part.filename, type: part.contentType, content: hex(await part.bytes()) })
  }
  return seen
}

/** Feeds the same chunks to a busboy-style parser and collects the same shape. */
function theirs(kind: 'busboy' | '@fastify/busboy', chunks: Uint8Array[], contentType: string): Promise<Seen[]> {
  return new Promise((resolve, reject) => {
    const seen: Array<Seen | Promise<Seen>> = []
    const headers = { 'content-type': contentType }
    const onFile = (name: string, stream: NodeJS.ReadableStream, filename: string, type: string) => {
      seen.push(
        new Promise((done, fail) => {
          const buffers: Buffer[] = []
          stream.on('data', (b: Buffer) => buffers.push(b))
          stream.on('end', () => done({ name, filename, type, content: Buffer.concat(buffers).toString('hex') }))
          stream.on('error', fail)
        }),
      )
    }
    const onField = (name: string, value: string, type: string) =>
      seen.push({ name, filename: undefined, type, content: Buffer.from(value).toString('hex') })
    const finish = () => Promise.all(seen).then(resolve, reject)
    let parser: NodeJS.WritableStream
    if (kind === 'busboy') {
      const bb = busboy({ headers, preservePath: true, defParamCharset: 'utf8', limits: { files: 100 } })
      bb.on('file', (name, stream, info) => onFile(name, stream, info.filename ?? '', info.mimeType))
      bb.on('field', (name, value, info) => onField(name, value, info.mimeType))
      bb.on('close', finish)
      bb.on('error', reject)
      parser = bb
    } else {
      const bb = new FastifyBusboy({ headers, preservePath: true, limits: { files: 100 } })
      bb.on('file', (name, stream, filename, _encoding, type) => onFile(name, stream, filename, type))
      bb.on('field', (name, value, _nameTruncated, _valueTruncated, _encoding, type) => onField(name, value, type))
      bb.on('finish', finish)
      bb.on('error', reject)
      parser = bb
    }
    for (const chunk of chunks) parser.write(Buffer.from(chunk))
    parser.end()
  })
}

// Names and file names without `"`, `\`, `%`, CR or LF: quoting conventions for those differ on
// purpose (see content-disposition.test.ts); everything else, non-ASCII included, must agree.
const nameChar = fc.constantFrom(...'abcXYZ019 -_.;=,:/()[]\u00e9\u20ac\u{1F600}'.split(/(?:)/u))
const name = fc.string({ unit: nameChar, minLength: 1, maxLength: 12 })
// Content rich in the delimiter's own pieces, so near-delimiters and cut delimiters are common.
const piece = fc.constantFrom('\r', '\n', '\r\n', '-', '--', '\r\n--', BOUNDARY.slice(0, 12), 'x', '\u00e9', '\u0000')
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''))
const binary = fc.uint8Array({ maxLength: 300 })
const entry: fc.Arbitrary<MultipartEntry> = fc.oneof(
  fc.tuple(name, text).map(([n, v]) => [n, v] as const),
  fc
    .record({
      name,
      filename: name,
      value: fc.oneof(text, binary),
      contentType: fc.constantFrom('image/png', 'text/plain'),
    })
    .map((file) => file),
)
const chunking = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 })

function cut(body: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = []
  let offset = 0
  for (let i = 0; offset < body.length; i++) {
    const size = sizes[i % sizes.length]!
    out.push(body.subarray(offset, offset + size))
    offset += size
  }
  return out
}

describe('parts() against busboy and @fastify/busboy', () => {
  for (const kind of ['busboy', '@fastify/busboy'] as const) {
    it(`gives the same parts and bytes as ${kind} for random forms and chunkings`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(entry, { maxLength: 8 }), chunking, async (entries, sizes) => {
          const { body, contentType } = multipartBody(entries, { boundary: BOUNDARY })
          const chunks = cut(body, sizes)
          expect(await ours(chunks, contentType)).toEqual(await theirs(kind, chunks, contentType))
        }),
        { seed: 7578, numRuns: 300 },
      )
    })
  }
})

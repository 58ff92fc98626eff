import type * as Zlib from 'node:zlib'
import { type Chunk, concatBytes } from '@tsgi/core'
import type { Encoding } from '../compress.js'
import { ZlibCoder } from './zlib-coder.js'

/** How one runtime compresses: which encodings it has, and how it encodes one body or a stream. */
export interface Codecs {
  /** What the runtime offers: `node:zlib`, `CompressionStream` alone, or neither. */
  readonly kind: 'node:zlib' | 'CompressionStream' | 'none'
  /** The encodings this runtime can produce. */
  readonly available: ReadonlySet<Encoding>
  /** Encodes a whole body in one go: synchronously with `node:zlib`, later with `CompressionStream`. */
  oneShot(encoding: Encoding, bytes: Chunk): Chunk | Promise<Chunk>
  /** A streaming coder that flushes after each chunk, or `undefined` where none can flush. */
  stream(encoding: Encoding): ZlibCoder | undefined
}

/** The compression levels, one per encoding, as resolved from the options. */
export type Levels = Readonly<Record<Encoding, number>>

type ProcessWithBuiltins = { getBuiltinModule?(id: string): unknown }

/**
 * Finds what the runtime can do, once per `compress()` call. `node:zlib` is taken through
 * `process.getBuiltinModule` (Node ≥ 20.16, Deno, Bun), not a static import, so the package also
 * loads where there is no `node:zlib` (a Worker without Node compatibility): there
 * `CompressionStream` encodes whole bodies, and failing that nothing is compressed.
 */
export function detectCodecs(levels: Levels): Codecs {
  const process = (globalThis as { process?: ProcessWithBuiltins }).process
  const zlib = process?.getBuiltinModule?.('node:zlib') as typeof Zlib | undefined
  if (zlib !== undefined) return zlibCodecs(zlib, levels)
  if (typeof globalThis.CompressionStream === 'function') return streamCodecs()
  return { kind: 'none', available: new Set(), oneShot: unreachable, stream: () => undefined }
}

function zlibCodecs(zlib: typeof Zlib, levels: Levels): Codecs {
  const { constants } = zlib
  const gzip = { level: levels.gzip }
  const deflate = { level: levels.deflate }
  const br = { params: { [constants.BROTLI_PARAM_QUALITY]: levels.br } }
  // zstd arrived in node:zlib with Node 22.15 (and 23.8); feature-detected, never assumed.
  const zstd = zlib as typeof zlib & ZstdApi
  const hasZstd = typeof zstd.createZstdCompress === 'function' && typeof zstd.zstdCompressSync === 'function'
  const zstdOptions = hasZstd ? { params: { [zstd.constants.ZSTD_c_compressionLevel]: levels.zstd } } : {}
  const available = new Set<Encoding>(['br', 'gzip', 'deflate'])
  if (hasZstd) available.add('zstd')
  return {
    kind: 'node:zlib',
    available,
    oneShot(encoding, bytes) {
      // A small body is compressed at once, on the event loop: cheaper than a trip to the thread
      // pool. A larger one takes milliseconds, which would hold up every other request on this
      // process, so it goes to the thread pool (and to another core where there is one).
      const later = bytes.length >= SYNC_LIMIT
      if (encoding === 'gzip') return later ? pooled(zlib.gzip, bytes, gzip) : zlib.gzipSync(bytes, gzip)
      if (encoding === 'deflate') return later ? pooled(zlib.deflate, bytes, deflate) : zlib.deflateSync(bytes, deflate)
      if (encoding === 'br') {
        const options = withSizeHint(br, constants, bytes.length)
        return later
          ? pooled(zlib.brotliCompress as Compress<Zlib.BrotliOptions>, bytes, options)
          : zlib.brotliCompressSync(bytes, options)
      }
      return later ? pooled(zstd.zstdCompress, bytes, zstdOptions) : zstd.zstdCompressSync(bytes, zstdOptions)
    },
    stream(encoding) {
      // Each chunk is followed by a flush of the kind its format has (Z_SYNC_FLUSH,
      // BROTLI_OPERATION_FLUSH, ZSTD_e_flush), so the client can decode it at once.
      if (encoding === 'gzip') return new ZlibCoder(zlib.createGzip(gzip), constants.Z_SYNC_FLUSH)
      if (encoding === 'deflate') return new ZlibCoder(zlib.createDeflate(deflate), constants.Z_SYNC_FLUSH)
      if (encoding === 'br') return new ZlibCoder(zlib.createBrotliCompress(br), constants.BROTLI_OPERATION_FLUSH)
      return new ZlibCoder(zstd.createZstdCompress(zstdOptions), zstd.constants.ZSTD_e_flush)
    },
  }
}

/** Bodies from this size on are compressed in the thread pool, smaller ones synchronously. */
const SYNC_LIMIT = 32 * 1024

type Compress<O> = (bytes: Chunk, options: O, callback: (error: Error | null, result: Chunk) => void) => void

function pooled<O>(compress: Compress<O>, bytes: Chunk, options: O): Promise<Chunk> {
  return new Promise((resolve, reject) =>
    compress(bytes, options, (error, result) => (error ? reject(error) : resolve(result))),
  )
}

/** The zstd part of `node:zlib` from Node 22.15, absent from Node 20's types. */
interface ZstdApi {
  createZstdCompress(options: object): Zlib.Gzip
  zstdCompress: Compress<object>
  zstdCompressSync(bytes: Chunk, options: object): Chunk
  constants: { ZSTD_c_compressionLevel: number; ZSTD_e_flush: number }
}

function withSizeHint(options: Zlib.BrotliOptions, constants: typeof Zlib.constants, size: number): Zlib.BrotliOptions {
  return { params: { ...options.params, [constants.BROTLI_PARAM_SIZE_HINT]: size } }
}

/**
 * `CompressionStream` (WHATWG Compression) has gzip and deflate but no flush, so it cannot stream
 * an event stream chunk by chunk: it encodes whole bodies only, and streams pass through.
 */
function streamCodecs(): Codecs {
  return {
    kind: 'CompressionStream',
    available: new Set<Encoding>(['gzip', 'deflate']),
    oneShot: (encoding, bytes) => compressWhole(encoding as 'gzip' | 'deflate', bytes),
    stream: () => undefined,
  }
}

async function compressWhole(format: 'gzip' | 'deflate', bytes: Chunk): Promise<Chunk> {
  const stream = new CompressionStream(format)
  const writer = stream.writable.getWriter()
  // Written without awaiting: the readable side below is what drains the stream.
  const written = writer.write(bytes).then(() => writer.close())
  const parts: Chunk[] = []
  const reader = stream.readable.getReader()
  for (let step = await reader.read(); !step.done; step = await reader.read()) parts.push(step.value)
  await written
  return parts.length === 0 ? new Uint8Array(0) : concatBytes(parts)
}

function unreachable(): never {
  throw new Error('No compression is available in this runtime')
}

// The streaming client, in its own process pinned to core 1: 64 MiB downloads or uploads, or
// 16 MiB compressed downloads (decoded here, so MiB are MiB of content), one at a time over a
// keep-alive connection, to 127.0.0.1 only. Prints one JSON line.
import { createHash } from 'node:crypto'
import { Agent, request } from 'node:http'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { TEXT_TOTAL } from '../http/compress/payload.mjs'
import { CHUNK_COUNT, makeChunk, TOTAL as STREAM_TOTAL } from '../http/stream/body.mjs'

const [mode, url, countText, encoding = 'identity'] = process.argv.slice(2)
const compressed = mode.endsWith('compressed-download')
const TOTAL = compressed ? TEXT_TOTAL : STREAM_TOTAL
const decoders = { gzip: createGunzip, br: createBrotliDecompress, deflate: createInflate }
if (new URL(url).hostname !== '127.0.0.1') throw new RangeError(`stream client: 127.0.0.1 only, got ${url}`)
const agent = new Agent({ keepAlive: true, maxSockets: 1 })
const chunk = makeChunk()

function exchange(method, hash) {
  return new Promise((resolve, reject) => {
    const headers = compressed ? { 'accept-encoding': encoding } : {}
    const req = request(url, { method, agent, headers, timeout: 120000 }, (res) => {
      let bytes = 0
      let text = ''
      const got = res.headers['content-encoding'] ?? 'identity'
      if (compressed && got !== encoding) return reject(new Error(`content-encoding ${got}, not ${encoding}`))
      const body = compressed ? res.pipe(decoders[encoding]()) : res
      body.on('data', (data) => {
        bytes += data.length
        if (hash) hash.update(data)
        if (method === 'POST') text += data
      })
      body.on('end', () => resolve({ status: res.statusCode, bytes, text }))
      body.on('error', reject)
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', reject)
    if (method === 'GET') return req.end()
    req.setHeader('content-type', 'application/octet-stream')
    req.setHeader('content-length', TOTAL)
    let sent = 0
    const pump = () => {
      while (sent < CHUNK_COUNT) {
        sent++
        if (!req.write(chunk)) return req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

const upload = mode.endsWith('upload')
if (mode.startsWith('verify-')) {
  const hash = createHash('sha256')
  const { status, bytes, text } = await exchange(upload ? 'POST' : 'GET', upload ? null : hash)
  const digest = upload ? `${status}:${text}` : status === 200 ? `${bytes}:${hash.digest('hex')}` : `status ${status}`
  process.stdout.write(`${JSON.stringify({ digest })}\n`)
} else {
  const count = Number(countText)
  const start = process.hrtime.bigint()
  for (let index = 0; index < count; index++) {
    const { status, bytes, text } = await exchange(upload ? 'POST' : 'GET')
    if (status !== 200) throw new Error(`status ${status}`)
    if (upload ? text !== String(TOTAL) : bytes !== TOTAL) throw new Error(`short transfer: ${bytes} bytes`)
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  const mib = (count * TOTAL) / 2 ** 20
  process.stdout.write(`${JSON.stringify({ mib, seconds, mibps: mib / seconds })}\n`)
}
agent.destroy()

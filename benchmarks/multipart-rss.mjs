// `node benchmarks/multipart-rss.mjs [--mib 1024]`: streams a 1 GiB multipart upload (one file)
// through a real @tsgi/node server whose app reads it with @tsgi/multipart's parts(), and reports
// how much the server's resident memory grew: the server runs in its own process, its VmRSS is
// sampled every 50 ms from /proc, and the growth over its idle RSS must stay under 64 MiB
// (exit code 1 otherwise). Bounded: one upload to 127.0.0.1, then both ends stop. Linux only.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { parseArgs } from 'node:util'

const LIMIT_MIB = 64

if (process.argv[2] === 'server') {
  const { serve } = await import('@tsgi/node')
  const { parts } = await import('@tsgi/multipart')
  const encoder = new TextEncoder()
  const app = async (environ, startResponse) => {
    let size = 0
    for await (const part of parts(environ, { fileSize: Number.POSITIVE_INFINITY })) {
      for await (const chunk of part) size += chunk.length
    }
    startResponse('200 OK', [['content-type', 'application/json']])
    return [encoder.encode(JSON.stringify({ size }))]
  }
  const server = await serve(app, { port: 0, host: '127.0.0.1', maxBodySize: Number.POSITIVE_INFINITY, signals: false })
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`)
  process.on('disconnect', () => server.close().then(() => process.exit(0)))
} else {
  const { values } = parseArgs({ options: { mib: { type: 'string' } }, args: process.argv.slice(2) })
  const mib = Number(values.mib ?? 1024)
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, 'server'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const port = await new Promise((resolve) => child.stdout.once('data', (line) => resolve(JSON.parse(line).port)))
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024
  try {
    await upload(port, 1) // warm-up: the code paths are compiled before the baseline is taken
    await new Promise((resolve) => setTimeout(resolve, 200))
    const idle = rss()
    let peak = idle
    const timer = setInterval(() => {
      peak = Math.max(peak, rss())
    }, 50)
    const started = performance.now()
    const size = await upload(port, mib)
    const seconds = (performance.now() - started) / 1000
    clearInterval(timer)
    peak = Math.max(peak, rss())
    const growth = peak - idle
    console.log(
      `${mib} MiB uploaded in ${seconds.toFixed(1)} s (${(mib / seconds).toFixed(0)} MiB/s), server read ${size} bytes; ` +
        `RSS idle ${idle.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB: grew ${growth.toFixed(1)} MiB (limit ${LIMIT_MIB} MiB)`,
    )
    if (size !== mib * 1024 * 1024 || growth >= LIMIT_MIB) process.exitCode = 1
  } finally {
    child.disconnect()
  }
}

/** POSTs a multipart body with one file of `mib` MiB, written with backpressure; resolves to the size the app read. */
function upload(port, mib) {
  const boundary = '----tsgiRssCheck7f3a'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const chunk = Buffer.alloc(1024 * 1024, 0x61)
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': head.length + mib * chunk.length + tail.length,
      },
    })
    req.on('error', reject)
    req.on('response', (response) => {
      let text = ''
      response.on('data', (data) => {
        text += data
      })
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(text).size) : reject(new Error(text))))
    })
    let sent = 0
    const write = () => {
      while (sent < mib) {
        sent++
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      req.end(tail)
    }
    req.write(head)
    write()
  })
}

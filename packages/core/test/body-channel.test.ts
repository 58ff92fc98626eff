import { bodyChannel, type Chunk } from '@tsgi/core'
import { describe, expect, it } from 'vitest'

const bytes = (text: string): Chunk => new TextEncoder().encode(text)

describe('bodyChannel()', () => {
  it('delivers writes in order and resolves each write once the consumer took it', async () => {
    const channel = bodyChannel()
    const taken: string[] = []
    const producer = (async () => {
      await channel.write(bytes('a'))
      taken.push('a taken')
      await channel.write(bytes('b'))
      taken.push('b taken')
      channel.end()
    })()
    const seen: string[] = []
    for await (const chunk of channel) seen.push(new TextDecoder().decode(chunk))
    await producer
    expect(seen).toEqual(['a', 'b'])
    expect(taken).toEqual(['a taken', 'b taken'])
  })

  it('does not resolve a write before the consumer reads (backpressure)', async () => {
    const channel = bodyChannel()
    let resolved = false
    void channel.write(bytes('a')).then(() => (resolved = true))
    await new Promise((r) => setImmediate(r))
    expect(resolved).toBe(false)
    const iterator = channel[Symbol.asyncIterator]()
    await iterator.next()
    await new Promise((r) => setImmediate(r))
    expect(resolved).toBe(true)
  })

  it('rejects pending and later writes once closed', async () => {
    const channel = bodyChannel()
    const pending = channel.write(bytes('a'))
    channel.close()
    await expect(pending).rejects.toThrow(/closed by its consumer/)
    await expect(channel.write(bytes('b'))).rejects.toThrow(/closed by its consumer/)
    expect(channel.closed).toBe(true)
  })

  it('makes the consumer reject with the error given to fail()', async () => {
    const channel = bodyChannel()
    channel.fail(new Error('producer broke'))
    await expect(channel[Symbol.asyncIterator]().next()).rejects.toThrow('producer broke')
  })

  it('refuses non-bytes chunks and a second iteration', async () => {
    const channel = bodyChannel()
    await expect(channel.write('text' as unknown as Chunk)).rejects.toThrow(/must be a Uint8Array, got "text"/)
    channel[Symbol.asyncIterator]()
    expect(() => channel[Symbol.asyncIterator]()).toThrow(/only once/)
  })
})

import { createInput } from '@tsgi/core'

/**
 * A `tsgi.input` that yields bytes already read, once (spec §3.1.2: a single consumer, like the
 * input it stands in for), so the app reads the body a middleware had to look into.
 */
export function replayInput(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return createInput(() => {
    let sent = bytes.length === 0 // the server yields no empty chunks (spec §3.1.8); neither does this
    return {
      next: async () => {
        if (sent) return { done: true, value: undefined }
        sent = true
        return { done: false, value: bytes }
      },
      return: async () => {
        sent = true
        return { done: true, value: undefined }
      },
    }
  })
}

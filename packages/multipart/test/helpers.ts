import { createInput } from '@tsgi/core'
import type { MultipartEnviron } from '@tsgi/multipart'

const encoder = new TextEncoder()

/** What the input saw: chunks pulled, and whether the reader closed it (`return()`). */
export interface InputState {
  pulled: number
  closed: boolean
}

/** An environ whose input yields `chunks` (strings as UTF-8), recording what the reader did. */
export function environOf(
  chunks: ReadonlyArray<Uint8Array | string>,
  contentType: string,
): { environ: MultipartEnviron; state: InputState } {
  const state: InputState = { pulled: 0, closed: false }
  let index = 0
  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      if (state.closed || index >= chunks.length) return { done: true, value: undefined }
      state.pulled++
      const chunk = chunks[index++]!
      return { done: false, value: typeof chunk === 'string' ? encoder.encode(chunk) : chunk }
    },
    async return() {
      state.closed = true
      return { done: true, value: undefined }
    },
  }
  return { environ: { CONTENT_TYPE: contentType, 'tsgi.input': createInput(() => iterator) }, state }
}

/** `body` cut into pieces of `size` bytes (the last may be shorter). */
export function chunked(body: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < body.length; i += size) out.push(body.subarray(i, i + size))
  return out
}

/** The status of the HTTPError a promise rejects with (200 if it resolves). */
export async function statusOf(promise: Promise<unknown>): Promise<number | string> {
  try {
    await promise
    return 200
  } catch (error) {
    const status = (error as { status?: unknown }).status
    return typeof status === 'number' ? status : String(error)
  }
}

/** Every part as `{ name, filename, contentType, text }`, reading each part whole. */
export async function collect(
  iterable: AsyncIterable<{ name: string; filename: string | undefined; contentType: string; text(): Promise<string> }>,
) {
  const out: Array<{ name: string; filename: string | undefined; contentType: string; text: string }> = []
  for await (const part of iterable) {
    out.push({ name: part.name, filename: part.filename, contentType: part.contentType, text: await part.text() })
  }
  return out
}

/** `text` as bytes. */
export const bytes = (text: string): Uint8Array => encoder.encode(text)

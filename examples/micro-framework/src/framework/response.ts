import type { HeaderList } from '@tsgi/core'

const encoder = new TextEncoder()

/** What a handler returns. */
export interface Response {
  readonly status: number
  readonly headers: HeaderList
  /** The whole body, or nothing (a 204). */
  readonly body: Uint8Array | undefined
}

/** Status and extra headers for {@link json} and {@link text}. */
export interface ResponseInit {
  /** @default 200 */
  status?: number
  /** @default [] */
  headers?: HeaderList
}

/** A JSON response: `json({ id: 1 })`, `json(user, { status: 201, headers: [['location', url]] })`. */
export function json(data: unknown, init: ResponseInit = {}): Response {
  return respond('application/json', JSON.stringify(data), init)
}

/** A plain-text response. */
export function text(body: string, init: ResponseInit = {}): Response {
  return respond('text/plain; charset=utf-8', body, init)
}

/** A response without a body, 204 by default. */
export function empty(status = 204, headers: HeaderList = []): Response {
  return { status, headers, body: undefined }
}

function respond(type: string, body: string, { status = 200, headers = [] }: ResponseInit): Response {
  return { status, headers: [['content-type', type], ...headers], body: encoder.encode(body) }
}

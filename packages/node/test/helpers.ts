import { connect, type Socket } from 'node:net'

export const encoder = new TextEncoder()

/** Opens a raw TCP connection to a server URL. */
export function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket))
    socket.once('error', reject)
  })
}

/** Collects what a socket receives until it closes, at most `timeout` ms; `closed` says which. */
export function collect(socket: Socket, timeout = 5000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = ''
    const timer = setTimeout(() => resolve({ text, closed: false }), timeout)
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('error', () => {})
    socket.once('close', () => {
      clearTimeout(timer)
      resolve({ text, closed: true })
    })
  })
}

/** Resolves once `check()` is true, polling every 10 ms, false after `timeout` ms. */
export async function eventually(check: () => boolean, timeout = 3000): Promise<boolean> {
  const deadline = Date.now() + timeout
  while (!check()) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return true
}

/** A promise and the function that resolves it. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {}
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

// Servers announce themselves with one JSON line on stdout once they listen.

/** Prints `{ "port": N }` so the harness knows the server is up and where. */
export function ready(port) {
  process.stdout.write(`${JSON.stringify({ port })}\n`)
}

/** Every benchmark server listens on 127.0.0.1, on a port the kernel picks. */
export const host = '127.0.0.1'

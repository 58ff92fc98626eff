// A directory tree for the tests, made once per test file under the system's temp directory:
// files of each kind, dotfiles, precompressed siblings, and links that point inside and outside.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Fixture {
  /** The directory served. */
  root: string
  /** Its parent, which holds `secret.txt` and `outside/`, never to be served. */
  base: string
  /** 200 KiB of bytes, byte i being i mod 251: more than three chunks. */
  big: Uint8Array
  remove(): void
}

export const MTIME = new Date('2026-01-02T03:04:05Z')

export function makeFixture(): Fixture {
  const base = mkdtempSync(join(tmpdir(), 'tsgi-static-'))
  const root = join(base, 'public')
  const big = new Uint8Array(200 * 1024).map((_, index) => index % 251)
  const files: Record<string, string | Uint8Array> = {
    'secret.txt': 'the secret outside the root\n',
    'outside/inner.txt': 'also outside\n',
    'public/hello.txt': 'Hello, world!\n',
    'public/index.html': '<h1>home</h1>\n',
    'public/about.html': '<h1>about</h1>\n',
    'public/style.css': 'body { color: teal }\n',
    'public/empty.txt': '',
    'public/big.bin': big,
    'public/café.txt': 'un café\n',
    'public/sub/index.html': '<h1>sub</h1>\n',
    'public/sub/page.txt': 'a page\n',
    'public/noindex/file.txt': 'no index here\n',
    'public/<img src=x onerror=alert(1)>/index.html': 'odd name\n',
    'public/.env': 'SECRET=1\n',
    // A separator on Windows: a name holding it is never served, so no platform can be tricked by it.
    'public/back\\slash-secret.txt': 'a secret behind a backslash\n',
    'public/.git/config': '[core]\n',
    'public/app.js': 'console.log("plain")\n',
    'public/app.js.br': 'BROTLI BYTES',
    'public/app.js.gz': 'GZIP BYTES',
    'public/only-gzip.css': 'body{}\n',
    'public/only-gzip.css.gz': 'GZIPPED CSS',
  }
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(base, name, '..'), { recursive: true })
    writeFileSync(join(base, name), content)
    utimesSync(join(base, name), MTIME, MTIME)
  }
  symlinkSync(join(base, 'secret.txt'), join(root, 'link-out.txt'))
  symlinkSync('../outside', join(root, 'dir-link-out'))
  symlinkSync('hello.txt', join(root, 'link-in.txt'))
  symlinkSync('.env', join(root, 'link-to-dotfile'))
  return { root, base, big, remove: () => rmSync(base, { recursive: true, force: true }) }
}

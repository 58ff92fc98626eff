import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { App } from '@tsgi/core'
import { MultipartLimitError, readMultipart, type TempFile, withTempFiles } from '@tsgi/multipart'
import { readForm, urlencode } from '@tsgi/query'
import { multipartBody, request } from '@tsgi/test'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bytes, environOf, statusOf } from './helpers.js'

const form: Array<[string, string]> = [
  ['name', 'Ada'],
  ['tag', 'a'],
  ['blank', ''],
  ['tag', 'b & c'],
  ['__proto__', 'x'],
]

describe('readMultipart(environ, options)', () => {
  it('gives the fields exactly as readForm gives the same form urlencoded', async () => {
    const multipart = multipartBody(form)
    const { fields } = await readMultipart(environOf([multipart.body], multipart.contentType).environ)
    const urlencoded = environOf([urlencode(form)], 'application/x-www-form-urlencoded').environ
    const expected = await readForm({ ...urlencoded, CONTENT_LENGTH: '' })
    expect(Object.getPrototypeOf(fields)).toBe(null)
    expect(Object.entries(fields)).toEqual(Object.entries(expected))
    expect(Object.entries(fields)).toEqual([
      ['name', ['Ada']],
      ['tag', ['a', 'b & c']],
      ['__proto__', ['x']],
    ])
  })

  it('keeps blank values with keepBlankValues, as parseQs does', async () => {
    const { body, contentType } = multipartBody(form)
    const { fields } = await readMultipart(environOf([body], contentType).environ, { keepBlankValues: true })
    expect(fields.blank).toEqual([''])
  })

  it('keeps files in memory by default, bounded by fileSize', async () => {
    const { body, contentType } = multipartBody([
      { name: 'doc', filename: 'a.txt', value: 'hello', contentType: 'text/plain' },
      { name: 'doc', filename: 'b.bin', value: new Uint8Array([1, 2]) },
    ])
    const { files } = await readMultipart(environOf([body], contentType).environ)
    expect(files.doc?.map((f) => ({ ...f, bytes: [...f.bytes] }))).toEqual([
      { filename: 'a.txt', contentType: 'text/plain', bytes: [...bytes('hello')] },
      { filename: 'b.bin', contentType: 'application/octet-stream', bytes: [1, 2] },
    ])
    const big = multipartBody([{ name: 'doc', filename: 'a', value: 'x'.repeat(11) }])
    const error = await readMultipart(environOf([big.body], big.contentType).environ, { fileSize: 10 }).catch((e) => e)
    expect(error).toBeInstanceOf(MultipartLimitError)
  })

  it('hands each file to onFile in order and stores what it returns', async () => {
    const { body, contentType } = multipartBody([
      { name: 'a', filename: 'a.txt', value: 'x'.repeat(100) },
      ['between', '1'],
      { name: 'b', filename: 'b.txt', value: 'yy' },
    ])
    const sizes: number[] = []
    const { fields, files } = await readMultipart(environOf([body], contentType).environ, {
      onFile: async (file) => {
        let size = 0
        for await (const chunk of file) size += chunk.length
        sizes.push(size)
        return `${file.filename}:${size}`
      },
    })
    expect(sizes).toEqual([100, 2])
    expect({ ...files }).toEqual({ a: ['a.txt:100'], b: ['b.txt:2'] })
    expect({ ...fields }).toEqual({ between: ['1'] })
  })

  it('reads once per environ: a second call returns the first promise', async () => {
    const { body, contentType } = multipartBody([['a', '1']])
    const { environ } = environOf([body], contentType)
    const first = readMultipart(environ)
    expect(readMultipart(environ)).toBe(first)
    await first
  })

  it('rejects with 415, 400 and 413 through an app (the test client renders no error page)', async () => {
    const app: App = async (environ, startResponse) => {
      const { fields } = await readMultipart(environ, { fields: 1 })
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [bytes(Object.keys(fields).join(','))]
    }
    const ok = await request(app, { method: 'POST', ...multipartBody([['a', '1']]) })
    expect([ok.status, ok.text()]).toEqual([200, 'a'])
    const over = request(app, {
      method: 'POST',
      ...multipartBody([
        ['a', '1'],
        ['b', '2'],
      ]),
    })
    expect(await statusOf(over)).toBe(413)
    const json = request(app, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(await statusOf(json)).toBe(415)
    const cut = request(app, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\n',
    })
    expect(await statusOf(cut)).toBe(400)
  })

  it('checks its options when called', () => {
    const { environ } = environOf([], 'multipart/form-data; boundary=x')
    expect(() => readMultipart(environ, { onFile: 'no' as never })).toThrow(TypeError)
    expect(() => readMultipart(environ, { parts: 1.5 })).toThrow(RangeError)
  })
})

describe('withTempFiles(environ, use, options)', () => {
  let parent: string
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'tsgi-multipart-test-'))
  })
  afterEach(() => rmSync(parent, { recursive: true, force: true }))

  const upload = () =>
    multipartBody([
      ['title', 'two files'],
      { name: 'f', filename: '../../evil.txt', value: 'first' },
      { name: 'f', filename: 'b.bin', value: new Uint8Array([0, 255]) },
    ])

  it('writes each file under a name of its own, and removes them all when use resolves', async () => {
    const { body, contentType } = upload()
    let seen: TempFile[] = []
    const result = await withTempFiles(
      environOf([body], contentType).environ,
      ({ fields, files }) => {
        seen = files.f ?? []
        expect(seen.map((f) => [f.filename, f.size, [...readFileSync(f.path)]])).toEqual([
          ['../../evil.txt', 5, [...bytes('first')]],
          ['b.bin', 2, [0, 255]],
        ])
        for (const file of seen) expect(file.path.startsWith(parent)).toBe(true)
        return fields.title
      },
      { directory: parent },
    )
    expect(result).toEqual(['two files'])
    expect(seen.some((f) => existsSync(f.path))).toBe(false)
    expect(readdirSync(parent)).toEqual([])
  })

  it('removes the files when use throws, and when the upload fails halfway', async () => {
    const { body, contentType } = upload()
    await expect(
      withTempFiles(
        environOf([body], contentType).environ,
        () => {
          throw new Error('boom')
        },
        { directory: parent },
      ),
    ).rejects.toThrow('boom')
    expect(readdirSync(parent)).toEqual([])
    const cutShort = environOf([body.subarray(0, body.length - 20)], contentType).environ
    expect(await statusOf(withTempFiles(cutShort, () => 'unreached', { directory: parent }))).toBe(400)
    expect(readdirSync(parent)).toEqual([])
    const tooBig = environOf([body], contentType).environ
    expect(await statusOf(withTempFiles(tooBig, () => 'unreached', { directory: parent, fileSize: 3 }))).toBe(413)
    expect(readdirSync(parent)).toEqual([])
  })
})

import { parts } from '@tsgi/multipart'
import { describe, expect, it } from 'vitest'
import { collect, environOf, statusOf } from './helpers.js'

/** The name and file name `parts()` reads from a Content-Disposition value. */
async function read(disposition: string) {
  const { environ } = environOf(
    [`--b\r\nContent-Disposition: ${disposition}\r\n\r\nx\r\n--b--`],
    'multipart/form-data; boundary=b',
  )
  const [part] = await collect(parts(environ))
  return { name: part!.name, filename: part!.filename }
}

describe('Content-Disposition (RFC 7578 §4.2, RFC 6266, RFC 8187)', () => {
  it('reads name and filename, quoted or bare, in any case and spacing', async () => {
    expect(await read('form-data; name="a"; filename="b.txt"')).toEqual({ name: 'a', filename: 'b.txt' })
    expect(await read('Form-Data;NAME=a ;  FileName = "b c.txt" ')).toEqual({ name: 'a', filename: 'b c.txt' })
    expect(await read('form-data; name="a;b=c"')).toEqual({ name: 'a;b=c', filename: undefined })
    expect(await read('form-data; name=""; filename=""')).toEqual({ name: '', filename: '' })
  })

  it("decodes the browsers' escapes %22, %0D and %0A in names and file names, and keeps a lone backslash", async () => {
    expect(await read('form-data; name="say %22hi%22"; filename="a%0D%0Ab.txt"')).toEqual({
      name: 'say "hi"',
      filename: 'a\r\nb.txt',
    })
    expect(await read('form-data; name="x"; filename="C:\\dir\\a.txt"')).toEqual({
      name: 'x',
      filename: 'C:\\dir\\a.txt',
    })
    expect(await read('form-data; name="x"; filename="100%25.txt"')).toEqual({ name: 'x', filename: '100%25.txt' })
  })

  it('decodes the quoted-pairs \\" and \\\\ that older browsers, urllib3 and Python email send', async () => {
    expect(await read('form-data; name="a\\"b"; filename="c\\\\d.txt"')).toEqual({ name: 'a"b', filename: 'c\\d.txt' })
  })

  it('reads UTF-8 bytes as sent by browsers, and prefers filename* (RFC 8187) to filename', async () => {
    expect(await read('form-data; name="\u20ac"; filename="na\u00efve.txt"')).toEqual({
      name: '\u20ac',
      filename: 'na\u00efve.txt',
    })
    expect(await read(`form-data; name="f"; filename="euro.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`)).toEqual({
      name: 'f',
      filename: '\u20ac rates.txt',
    })
    expect(await read(`form-data; name="f"; filename*=iso-8859-1'en'%E9t%E9.txt`)).toEqual({
      name: 'f',
      filename: '\u00e9t\u00e9.txt',
    })
  })

  it('reports a file name with a path as sent, never as a path of its own', async () => {
    expect((await read('form-data; name="f"; filename="../../etc/passwd"')).filename).toBe('../../etc/passwd')
  })

  it('answers 400 for a malformed or ambiguous value', async () => {
    for (const bad of [
      'inline; name="a"',
      'form-data; filename="a"',
      'form-data; name="a"; name="b"',
      'form-data; name="a"; filename="b"; FILENAME="c"',
      'form-data; name="a" junk',
      'form-data; name',
      `form-data; name="a"; filename*=UTF-8%E2%82%AC`,
      `form-data; name="a"; filename*=utf-16''%00a`,
      `form-data; name="a"; filename*=UTF-8''%E2%82`,
      `form-data; name="a"; filename*=UTF-8''a b`,
    ]) {
      const { environ } = environOf(
        [`--b\r\nContent-Disposition: ${bad}\r\n\r\nx\r\n--b--`],
        'multipart/form-data; boundary=b',
      )
      expect(await statusOf(collect(parts(environ))), bad).toBe(400)
    }
  })
})

import { multipartBody } from '@tsgi/test'
import { describe, expect, it } from 'vitest'

const text = (body: Uint8Array) => new TextDecoder().decode(body)

describe('multipartBody(entries, options)', () => {
  it('encodes fields and files as a browser does, with CRLF lines and a closing boundary', () => {
    const { body, contentType, headers, boundary } = multipartBody(
      [
        ['title', 'Caf\u00e9'],
        { name: 'photo', filename: 'a.jpg', value: new Uint8Array([1, 2]), contentType: 'image/jpeg' },
        { name: 'doc', filename: 'b.txt', value: 'hi' },
      ],
      { boundary: 'XyZ' },
    )
    expect(boundary).toBe('XyZ')
    expect(contentType).toBe('multipart/form-data; boundary=XyZ')
    expect(headers).toEqual({ 'content-type': contentType })
    expect(text(body)).toBe(
      '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nCaf\u00e9\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\u0001\u0002\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="doc"; filename="b.txt"\r\nContent-Type: application/octet-stream\r\n\r\nhi\r\n' +
        '--XyZ--\r\n',
    )
  })

  it('escapes ", CR and LF in names and file names as %22, %0D and %0A, as the WHATWG form encoding does', () => {
    const { body } = multipartBody([{ name: 'a"b', filename: 'c\r\nd', value: '' }], { boundary: 'b' })
    expect(text(body)).toContain('name="a%22b"; filename="c%0D%0Ad"')
  })

  it('makes a fresh random boundary for each body', () => {
    const first = multipartBody([['a', '1']])
    const second = multipartBody([['a', '1']])
    expect(first.boundary).toMatch(/^----tsgi[0-9a-z]{24}$/)
    expect(first.boundary).not.toBe(second.boundary)
  })

  it('refuses bad entries and boundaries', () => {
    expect(() => multipartBody('a' as never)).toThrow(/entries must be an array, got "a"/)
    expect(() => multipartBody([['a'] as never])).toThrow(/entries\[0\] must be/)
    expect(() => multipartBody([null as never])).toThrow(TypeError)
    expect(() => multipartBody([], { boundary: 'x'.repeat(71) })).toThrow(RangeError)
    expect(() => multipartBody([['a', 'contains --xyz here']], { boundary: 'xyz' })).toThrow(/occurs in a value/)
  })
})

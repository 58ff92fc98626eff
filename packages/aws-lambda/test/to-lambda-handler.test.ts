import { type App, readBody } from '@tsgi/core'
import { lint } from '@tsgi/lint'
import { describe, expect, it } from 'vitest'
import { type LambdaV1Result, type LambdaV2Result, toLambdaHandler } from '../src/index.js'
import { albEvent, functionUrlEvent, httpV2Event, restV1Event } from './events.js'

const encoder = new TextEncoder()
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00])

/** Answers what it saw as JSON; a few paths answer something else. */
const echo: App = async (environ, startResponse) => {
  const body = await readBody(environ)
  if (environ.PATH_INFO === '/bin') {
    startResponse('200 OK', [['content-type', 'image/png']])
    return [PNG]
  }
  if (environ.PATH_INFO === '/boom') throw new Error('secret detail')
  startResponse('200 OK', [
    ['content-type', 'application/json'],
    ['set-cookie', 'a=1; Path=/'],
    ['set-cookie', 'b=2; Path=/'],
  ])
  const seen = {
    method: environ.REQUEST_METHOD,
    scriptName: environ.SCRIPT_NAME,
    pathInfo: environ.PATH_INFO,
    query: environ.QUERY_STRING,
    remote: environ.REMOTE_ADDR,
    scheme: environ['tsgi.url_scheme'],
    host: environ.HTTP_HOST,
    header2: environ.HTTP_HEADER2,
    cookie: environ.HTTP_COOKIE,
    contentLength: environ.CONTENT_LENGTH,
    body: Buffer.from(body).toString('base64'),
  }
  return [encoder.encode(JSON.stringify(seen))]
}

function logged(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text) {
      this.text += text
    },
  }
}

const handler = toLambdaHandler(lint(echo))
const seenIn = (result: { body: string }) => JSON.parse(result.body)

describe('toLambdaHandler() with API Gateway REST APIs (payload 1.0)', () => {
  it('builds the environ from multi-value headers and query strings, and answers multi-value headers', async () => {
    const result = (await handler(restV1Event())) as LambdaV1Result
    expect(result.statusCode).toBe(200)
    expect(result.isBase64Encoded).toBe(false)
    expect(result.multiValueHeaders?.['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(result.multiValueHeaders?.['content-type']).toEqual(['application/json'])
    expect(seenIn(result)).toMatchObject({
      method: 'GET',
      scriptName: '',
      pathInfo: '/my/path',
      query: 'parameter1=value1&parameter1=value2&parameter2=value',
      remote: '192.0.2.1',
      scheme: 'https',
      host: 'id.execute-api.us-east-1.amazonaws.com',
      header2: 'value1, value2',
    })
  })

  it('puts the stage API Gateway kept in requestContext.path onto SCRIPT_NAME', async () => {
    const event = restV1Event()
    event.requestContext.path = '/prod/my/path'
    event.requestContext.stage = 'prod'
    expect(seenIn(await handler(event))).toMatchObject({ scriptName: '/prod', pathInfo: '/my/path' })
  })

  it('encodes the decoded path and query values again, so nothing is read twice', async () => {
    const event = restV1Event({
      path: '/a b/100%',
      multiValueQueryStringParameters: { q: ['a&b=c'], 'x y': ['1'] },
    })
    event.requestContext.path = '/a b/100%'
    expect(seenIn(await handler(event))).toMatchObject({ pathInfo: '/a b/100%', query: 'q=a%26b%3Dc&x%20y=1' })
  })

  it('decodes a base64 body byte for byte and sets CONTENT_LENGTH from it', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index)
    const event = restV1Event({
      httpMethod: 'POST',
      body: Buffer.from(bytes).toString('base64'),
      isBase64Encoded: true,
    })
    expect(seenIn(await handler(event))).toMatchObject({
      method: 'POST',
      contentLength: '256',
      body: Buffer.from(bytes).toString('base64'),
    })
  })
})

describe('toLambdaHandler() with HTTP APIs (payload 2.0) and function URLs', () => {
  it.each([
    ['an HTTP API', httpV2Event(), 'id.execute-api.us-east-1.amazonaws.com', '192.0.2.1', 'Hello from Lambda'],
    [
      'a function URL',
      functionUrlEvent(),
      'url-id.lambda-url.us-west-2.on.aws',
      '123.123.123.123',
      'Hello from client!',
    ],
  ])('serves %s: raw query, the cookies array both ways, joined headers', async (_label, event, host, remote, body) => {
    const result = (await handler(event)) as LambdaV2Result
    expect(result.statusCode).toBe(200)
    expect(result.cookies).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(result.headers['content-type']).toBe('application/json')
    expect(result.headers['set-cookie']).toBeUndefined()
    expect(seenIn(result)).toMatchObject({
      method: 'POST',
      scriptName: '',
      pathInfo: '/my/path',
      query: 'parameter1=value1&parameter1=value2&parameter2=value',
      cookie: 'cookie1; cookie2',
      header2: 'value1,value2',
      remote,
      host,
      body: Buffer.from(body).toString('base64'),
    })
  })

  it('puts a named stage at the start of rawPath onto SCRIPT_NAME', async () => {
    const event = httpV2Event({ rawPath: '/prod/my/path' })
    event.requestContext.stage = 'prod'
    expect(seenIn(await handler(event))).toMatchObject({ scriptName: '/prod', pathInfo: '/my/path' })
  })

  it('takes basePath from the options for a custom domain mapping', async () => {
    const mapped = toLambdaHandler(echo, { basePath: '/api' })
    const result = await mapped(httpV2Event({ rawPath: '/api/users' }))
    expect(seenIn(result)).toMatchObject({ scriptName: '/api', pathInfo: '/users' })
    expect((await mapped(httpV2Event({ rawPath: '/elsewhere' }))).statusCode).toBe(404)
  })
})

describe('toLambdaHandler() with an Application Load Balancer', () => {
  it('answers statusDescription and single-value headers, with the query as sent and the client from X-Forwarded-For', async () => {
    const event = albEvent({ queryStringParameters: { query: '1234ABCD', q: 'a%20b' } })
    const errors = logged()
    const result = (await toLambdaHandler(echo, { errors })(event)) as LambdaV1Result
    expect(result.statusCode).toBe(200)
    expect(result.statusDescription).toBe('200 OK')
    expect(result.multiValueHeaders).toBeUndefined()
    expect(result.headers?.['set-cookie']).toBe('b=2; Path=/')
    expect(errors.text).toContain('2 Set-Cookie fields, but the ALB target group has no multi-value headers')
    expect(seenIn(result)).toMatchObject({
      method: 'GET',
      pathInfo: '/lambda',
      query: 'query=1234ABCD&q=a%20b',
      remote: '72.12.164.125',
      scheme: 'http',
    })
  })

  it('answers multi-value headers when the target group sends them', async () => {
    const event = albEvent({
      headers: undefined,
      multiValueHeaders: { host: ['alb.example'], 'x-forwarded-for': ['203.0.113.9, 10.0.0.1'], header2: ['a', 'b'] },
      queryStringParameters: undefined,
      multiValueQueryStringParameters: { tag: ['x', 'y'] },
    })
    const result = (await handler(event)) as LambdaV1Result
    expect(result.multiValueHeaders?.['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(seenIn(result)).toMatchObject({ query: 'tag=x&tag=y', remote: '10.0.0.1', header2: 'a, b' })
  })
})

describe('toLambdaHandler(): bodies, limits and errors', () => {
  it('sends a binary content type, or text that is not UTF-8, in base64', async () => {
    const result = (await handler(httpV2Event({ rawPath: '/bin' }))) as LambdaV2Result
    expect(result.isBase64Encoded).toBe(true)
    expect(new Uint8Array(Buffer.from(result.body, 'base64'))).toEqual(PNG)
    const mislabelled = toLambdaHandler((_environ, startResponse) => {
      startResponse('200 OK', [['content-type', 'text/plain']])
      return [PNG]
    })
    const text = await mislabelled(httpV2Event())
    expect(text.isBase64Encoded).toBe(true)
    expect(new Uint8Array(Buffer.from(text.body, 'base64'))).toEqual(PNG)
  })

  it('answers 413 without calling the app to a body over maxBodySize', async () => {
    let called = false
    const limited = toLambdaHandler(
      (environ, startResponse) => {
        called = true
        return echo(environ, startResponse)
      },
      { maxBodySize: 4 },
    )
    expect((await limited(httpV2Event({ body: 'hello' }))).statusCode).toBe(413)
    expect(called).toBe(false)
  })

  it('turns a response over maxResponseSize into a logged 500, never a cut body', async () => {
    const errors = logged()
    const big = toLambdaHandler(
      (_environ, startResponse) => {
        startResponse('200 OK', [['content-type', 'text/plain']])
        return [new Uint8Array(11)]
      },
      { maxResponseSize: 10, errors },
    )
    const result = await big(restV1Event())
    expect(result).toMatchObject({ statusCode: 500, body: '' })
    expect(errors.text).toContain('11 bytes, over maxResponseSize (10)')
  })

  it('answers a bare 500 to an app that throws and logs the error', async () => {
    const errors = logged()
    const result = await toLambdaHandler(echo, { errors })(restV1Event({ path: '/boom' }))
    expect(result.statusCode).toBe(500)
    expect(result.body).not.toContain('secret detail')
    expect(errors.text).toContain('secret detail')
  })

  it.each([
    ['an S3 notification', { Records: [{ eventSource: 'aws:s3', s3: {} }] }, /it has Records/],
    ['a string', 'GET /', /it has string/],
    ['null', null, /it has object|it has no fields/],
  ])('throws a TypeError naming what it got for %s', async (_label, event, detail) => {
    await expect(handler(event)).rejects.toThrow(TypeError)
    await expect(handler(event)).rejects.toThrow(detail)
    await expect(handler(event)).rejects.toThrow(/not from API Gateway \(REST or HTTP API\), an ALB or a function URL/)
  })

  it('refuses bad options when the handler is built', () => {
    expect(() => toLambdaHandler(echo, { maxResponseSize: -1 })).toThrow(RangeError)
    expect(() => toLambdaHandler(echo, { isText: 'text/plain' as never })).toThrow(TypeError)
    expect(() => toLambdaHandler('app' as never)).toThrow(TypeError)
  })
})

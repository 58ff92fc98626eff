import { parseServeArgs, UsageError } from '@tsgi/cli'
import { describe, expect, it } from 'vitest'

describe('parseServeArgs(argv)', () => {
  it('reads the module, the export and the options, with gunicorn-like defaults', () => {
    expect(parseServeArgs(['serve', './app.js'])).toEqual({
      module: './app.js',
      exportName: 'default',
      host: '127.0.0.1',
      port: 8000,
      workers: 1,
      reload: false,
      quiet: false,
      drainDelay: 0,
      keepAliveTimeout: 5000,
      forwardedAllowIps: undefined,
    })
    expect(
      parseServeArgs(['serve', 'dist/app.js:api', '--host', '0.0.0.0', '--port', '3000', '--reload']),
    ).toMatchObject({
      module: 'dist/app.js',
      exportName: 'api',
      host: '0.0.0.0',
      port: 3000,
      reload: true,
    })
  })

  it('reads --drain-delay and --keep-alive-timeout in milliseconds', () => {
    expect(
      parseServeArgs(['serve', './app.js', '--drain-delay', '5000', '--keep-alive-timeout', '65000']),
    ).toMatchObject({ drainDelay: 5000, keepAliveTimeout: 65000 })
  })

  it('reads --forwarded-allow-ips as a list of peers', () => {
    expect(parseServeArgs(['serve', './app.js', '--forwarded-allow-ips', '10.0.0.0/8, loopback'])).toMatchObject({
      forwardedAllowIps: ['10.0.0.0/8', 'loopback'],
    })
  })

  it('takes --workers 0 as one worker per core', () => {
    const command = parseServeArgs(['serve', './app.js', '--workers', '0'])
    expect(command !== 'help' && command.workers).toBeGreaterThan(0)
  })

  it.each([
    [[], /a command is needed/],
    [['run', './app.js'], /unknown command "run"/],
    [['serve'], /needs a module/],
    [['serve', './app.js', '--port', '70000'], /--port must be a whole number from 0 to 65535, got "70000"/],
    [['serve', './app.js', '--workers', '-1'], /--workers/],
    [['serve', './app.js', '--bogus'], /bogus/],
    [['serve', './app.js:'], /bad target/],
    [['serve', './app.js', '--drain-delay', '2s'], /--drain-delay must be a whole number/],
    [['serve', './app.js', '--keep-alive-timeout', '-5'], /--keep-alive-timeout/],
    [['serve', './app.js', '--forwarded-allow-ips', '10.0.0.0/8,nope'], /--forwarded-allow-ips: entries must be/],
  ])('refuses %j with a UsageError', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(UsageError)
    expect(() => parseServeArgs(argv)).toThrow(message)
  })
})

import selfsigned from 'selfsigned'

let made: Promise<{ key: string; cert: string }> | undefined

/** A self-signed certificate for `localhost` and 127.0.0.1, made once per test file (about 0.2 s). */
export function certificate(): Promise<{ key: string; cert: string }> {
  made ??= selfsigned
    .generate([{ name: 'commonName', value: 'localhost' }], {
      notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
      keyType: 'ec',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    })
    .then(({ private: key, cert }) => ({ key, cert }))
  return made
}

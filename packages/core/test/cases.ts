/**
 * Table of decodePathInfo cases (spec §2.5). `reject` and `keep` are the results under each
 * `encodedSlashes` mode: a string is the PATH_INFO, `400` means a BadRequest.
 */
export interface PathCase {
  why: string
  raw: string
  reject: string | 400
  keep: string | 400
}

/** A case whose result does not depend on the mode. */
const same = (why: string, raw: string, result: string | 400): PathCase => ({ why, raw, reject: result, keep: result })

export const pathCases: readonly PathCase[] = [
  // Fast path: printable ASCII without escapes comes back as it is.
  same('the root', '/', '/'),
  same('plain ASCII segments', '/users/42/posts', '/users/42/posts'),
  same(
    'every printable ASCII character but %',
    '/!"#$&\'()*+,-.:;<=>?@[\\]^_`{|}~',
    '/!"#$&\'()*+,-.:;<=>?@[\\]^_`{|}~',
  ),
  same('a trailing slash', '/a/', '/a/'),
  same('empty segments', '//a//b', '//a//b'),
  same('a literal dot-dot segment (the client did not hide it; spec choice)', '/a/../b', '/a/../b'),
  same('a literal dot segment', '/a/./b', '/a/./b'),
  same('a literal dot-dot next to an escape elsewhere', '/a/../b%20c', '/a/../b c'),
  same('the asterisk form of OPTIONS', '*', '*'),

  // Escapes and UTF-8.
  same('an escaped space', '/a%20b', '/a b'),
  same('upper- and lower-case hex digits', '/%4a%4A', '/JJ'),
  same('a two-byte UTF-8 character', '/caf%C3%A9', '/café'),
  same('a three-byte UTF-8 character', '/%E2%9C%93', '/✓'),
  same('a four-byte (astral) UTF-8 character', '/%F0%9F%98%80', '/😀'),
  same('raw Latin-1 bytes that form UTF-8 (how Node hands over a raw target)', '/caf\u00c3\u00a9', '/café'),
  same('raw bytes and escapes forming one character', '/\u00e2%9C\u0093', '/✓'),
  same('an escaped ordinary character', '/%61', '/a'),
  same('an escaped dot inside a longer segment', '/a%2eb', '/a.b'),
  same('a segment of three escaped dots', '/%2e%2e%2e', '/...'),
  same('an escaped dot-dot followed by more', '/%2e%2ex', '/..x'),
  same('a question mark escaped into the path', '/a%3Fb', '/a?b'),
  same('an escaped newline (of the escaped controls only %00 is refused)', '/a%0Ab', '/a\nb'),

  // Malformed escapes.
  same('a lone % at the end', '/a%', 400),
  same('a % with one hex digit at the end', '/a%4', 400),
  same('a % with non-hex digits', '/a%zz', 400),
  same('a % with one good and one bad digit', '/a%4g', 400),
  same('a % with one bad and one good digit', '/a%g4', 400),
  same('a % followed by a space', '/a% 1', 400),
  same('a % followed by a second %', '/%%41', 400),
  same('a lone % in the middle', '/a%/b', 400),

  // Invalid UTF-8.
  same('a truncated two-byte sequence', '/%C3', 400),
  same('a truncated sequence before a slash', '/%C3/a', 400),
  same('a byte that never occurs in UTF-8', '/%FF', 400),
  same('a stray continuation byte', '/%80', 400),
  same('an overlong slash', '/%C0%AF', 400),
  same('an overlong dot', '/%C0%AE%C0%AE', 400),
  same('an encoded UTF-16 surrogate', '/%ED%A0%80', 400),
  same('a code point above U+10FFFF', '/%F4%90%80%80', 400),
  same('a raw Latin-1 byte that is not UTF-8', '/caf\u00e9', 400),
  same('a character outside Latin-1 (a raw target is bytes)', '/\u2713', 400),

  // NUL and control characters.
  same('an escaped NUL', '/a%00b', 400),
  same('an escaped NUL at the end', '/%00', 400),
  same('a raw NUL', '/a\u0000b', 400),
  same('a raw tab', '/a\tb', 400),
  same('a raw newline', '/a\nb', 400),
  same('a raw space', '/a b', 400),
  same('a raw DEL', '/a\u007fb', 400),

  // Dot segments that came from escapes.
  same('an escaped dot segment', '/%2e', 400),
  same('an escaped dot segment, upper case', '/%2E/a', 400),
  same('an escaped dot-dot segment', '/%2e%2e', 400),
  same('an escaped dot-dot in the middle', '/a/%2e%2e/b', 400),
  same('a half-escaped dot-dot', '/.%2E', 400),
  same('a half-escaped dot-dot, the other half', '/%2e./b', 400),
  same('an escaped dot-dot with a trailing slash', '/a/%2e%2e/', 400),
  {
    why: 'an escaped dot-dot followed by an escaped slash',
    raw: '/%2e%2e%2fetc',
    reject: 400,
    keep: '/..%2Fetc',
  },

  // Encoded slashes, and %25 under each mode.
  { why: 'an encoded slash', raw: '/a%2Fb', reject: 400, keep: '/a%2Fb' },
  { why: 'an encoded slash in lower case, kept upper-cased', raw: '/a%2fb', reject: 400, keep: '/a%2Fb' },
  { why: 'an encoded slash at the end', raw: '/a%2F', reject: 400, keep: '/a%2F' },
  { why: 'an encoded percent sign', raw: '/100%25', reject: '/100%', keep: '/100%25' },
  { why: 'a doubly encoded slash', raw: '/a%252Fb', reject: '/a%2Fb', keep: '/a%252Fb' },
  { why: 'an encoded slash next to UTF-8', raw: '/caf%C3%A9%2Fx', reject: 400, keep: '/café%2Fx' },

  // Not a path.
  same('an empty path', '', 400),
  same('a path without a leading slash', 'a/b', 400),
  same('an absolute-form target', 'http://example.com/', 400),
  same('a double asterisk', '**', 400),
]

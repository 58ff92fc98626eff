// Cookie cells: `node cookies.mjs <implementation> <input> <budgetMs>`.
// - `parse`: a Cookie header of 12 cookies (some percent-encoded) into name → value, the first of
//   a repeated name winning; tsgi's `cookiesOf` gets a fresh environ each time, so its per-environ
//   cache never answers.
// - `unsign`: checking an HMAC-SHA256 signed cookie value (valid), both through WebCrypto.
import { guard, runCell } from './cell.mjs'

const [implementation, inputName, budget] = process.argv.slice(2)
const SECRET = 'a benchmark secret of at least thirty-two bytes'

const header = [
  'session=Fe26.2**abcdef0123456789abcdef0123456789',
  'theme=dark',
  'lang=en-GB',
  'csrf=6f1c2e9a8b7d4c3e2f1a0b9c8d7e6f5a',
  'greeting=hello%20world%21',
  'cart=%5B1%2C2%2C3%5D',
  '_ga=GA1.2.1234567890.1234567890',
  '_gid=GA1.2.0987654321.0987654321',
  'consent=yes',
  'tz=Europe%2FLondon',
  'theme=light',
  'last=%E2%9C%93',
]
const parseInput = header.join('; ')
const parseExpected = Object.assign(Object.create(null), {
  session: 'Fe26.2**abcdef0123456789abcdef0123456789',
  theme: 'dark',
  lang: 'en-GB',
  csrf: '6f1c2e9a8b7d4c3e2f1a0b9c8d7e6f5a',
  greeting: 'hello world!',
  cart: '[1,2,3]',
  _ga: 'GA1.2.1234567890.1234567890',
  _gid: 'GA1.2.0987654321.0987654321',
  consent: 'yes',
  tz: 'Europe/London',
  last: '✓',
})

const plain = (record) => Object.assign(Object.create(null), record)

async function parseCell() {
  switch (implementation) {
    case 'tsgi': {
      const { cookiesOf } = await import('@tsgi/cookies')
      const hot = (input) => cookiesOf({ HTTP_COOKIE: input })
      return { hot, answer: (input) => plain(hot(input)) }
    }
    case 'hono': {
      const { parse } = await import('hono/utils/cookie')
      return { hot: parse, answer: (input) => plain(parse(input)) }
    }
    default:
      throw new Error(`unknown implementation ${implementation} for parse`)
  }
}

async function unsignCell() {
  switch (implementation) {
    case 'tsgi': {
      const { cookieSigner } = await import('@tsgi/cookies')
      const signer = cookieSigner(SECRET)
      const signed = await signer.sign('uid', '42')
      return { input: signed, hot: (input) => signer.unsign('uid', input) }
    }
    case 'hono': {
      // Hono's own signed cookie: `value.base64(HMAC(value))`, checked by parseSigned.
      const { parseSigned, serializeSigned } = await import('hono/utils/cookie')
      const signed = (await serializeSigned('uid', '42', SECRET)).split(';')[0]
      return { input: signed, hot: async (input) => (await parseSigned(input, SECRET, 'uid')).uid }
    }
    default:
      throw new Error(`unknown implementation ${implementation} for unsign`)
  }
}

guard(async () => {
  const budgetMs = Number(budget)
  if (inputName === 'parse') {
    const { hot, answer } = await parseCell()
    return runCell({ cases: [[parseInput, parseExpected]], answer, hot, budgetMs })
  }
  if (inputName === 'unsign') {
    const { input, hot } = await unsignCell()
    return runCell({ cases: [[input, '42']], answer: hot, hot, budgetMs, async: true })
  }
  throw new Error(`unknown input ${inputName}`)
})

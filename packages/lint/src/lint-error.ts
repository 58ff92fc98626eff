import { describeValue } from '@tsgi/core'

/**
 * A violation of the tsgi interface found by {@link lint}, on either side: the server's environ
 * and calls, or the app's `startResponse` arguments and body. The message names the rule, cites
 * the section of docs/spec.md that states it, and shows what was received:
 * `lint: status must be 3 digits, a space and a reason (spec §4.1); got "200"`.
 *
 * @example
 * try { await request(app, 'GET /') } catch (error) {
 *   if (error instanceof LintError) console.log(error.rule, error.section)
 * }
 */
export class LintError extends Error {
  override name = 'LintError'
  /** The rule that was broken, as a sentence: `status must be 3 digits, a space and a reason`. */
  readonly rule: string
  /** The section of docs/spec.md that states the rule: `'4.1'`. */
  readonly section: string

  /**
   * @param rule the rule, as a sentence without a final period.
   * @param section the spec section number, e.g. `'4.1'`.
   * @param received what broke the rule, described in the message; leave out when nothing applies.
   */
  constructor(rule: string, section: string, ...received: [] | [unknown]) {
    super(`lint: ${rule} (spec §${section})${received.length === 0 ? '' : `; got ${describeValue(received[0])}`}`)
    this.rule = rule
    this.section = section
  }
}

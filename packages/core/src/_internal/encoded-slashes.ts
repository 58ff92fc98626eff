import { describe } from './describe.js'

/** Validates `options.encodedSlashes` for the functions that take it; returns whether to keep. */
// Typed structurally, not with DecodePathInfoOptions, so this helper imports nothing back from its callers.
export function encodedSlashesOption(caller: string, options: { readonly encodedSlashes?: unknown }): boolean {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${caller}(): options must be an object, got ${describe(options)}`)
  }
  const mode = options.encodedSlashes
  if (mode !== undefined && mode !== 'reject' && mode !== 'keep') {
    throw new TypeError(`${caller}(): options.encodedSlashes must be 'reject' or 'keep', got ${describe(mode)}`)
  }
  return mode === 'keep'
}

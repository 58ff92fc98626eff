/**
 * @module
 * `methodOverride(app, options)`: a POST stands for PUT, PATCH or DELETE, named by a header or a
 * `_method` form field; the original method is kept under `tsgi.original_method`.
 *
 * @example
 * import { methodOverride } from '@tsgi/method-override'
 */

export { type MethodOverrideOptions, methodOverride } from './method-override.js'

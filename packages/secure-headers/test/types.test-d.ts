// Type assertions, enforced by `pnpm typecheck` (tsc), not by vitest at run time.
import type { Environ } from '@tsgi/core'
import { expectTypeOf } from 'vitest'
import { cspNonce } from '../src/index.js'

// secureHeaders() declares its key on core's EnvironExtensions (spec §2.4.4): optional, a string.
expectTypeOf<Environ['tsgi.csp_nonce']>().toEqualTypeOf<string | undefined>()
expectTypeOf(cspNonce).returns.toEqualTypeOf<string>()

// Type assertions, enforced by `pnpm typecheck` (tsc), not by vitest at run time.
import type { Environ } from '@tsgi/core'
import { expectTypeOf } from 'vitest'
import '../src/index.js'

// methodOverride() declares its key on core's EnvironExtensions (spec §2.4.4): optional, always 'POST'.
expectTypeOf<Environ['tsgi.original_method']>().toEqualTypeOf<'POST' | undefined>()

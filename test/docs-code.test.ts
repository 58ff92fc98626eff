// Every code block of the numbered guide pages (docs/guide/0*.md) must run or compile: a ```ts block
// is type-checked as its own module against the packages' sources, with the project's compiler
// options; a block whose first line names an example file (`// examples/<name>/src/<file>.ts`) must
// be an excerpt of that file, word for word, so it is covered by that example's tests.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const guide = join(root, 'docs/guide')
const pages = readdirSync(guide)
  .filter((name) => /^0\d-.+\.md$/.test(name))
  .sort()

interface Block {
  page: string
  /** The fence's line number in the page (1-based). */
  line: number
  /** What follows the backticks: `ts`, `sh`, … */
  info: string
  code: string
}

/** The fenced code blocks of a Markdown page, in order. */
function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(guide, page), 'utf8').split('\n')
  const blocks: Block[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[index]!)
    if (!open) continue
    const fence = open[1]!
    const start = index
    const body: string[] = []
    for (index++; index < lines.length && !lines[index]!.startsWith(fence); index++) body.push(lines[index]!)
    blocks.push({ page, line: start + 1, info: open[2]!.trim(), code: body.join('\n') })
  }
  return blocks
}

const EXCERPT = /^\/\/ (examples\/[a-z0-9-]+\/(?:src|test)\/[\w./-]+\.ts)\s*$/

/** Type-checks modules (name → source) as one program; returns the diagnostics of those modules. */
function typecheck(modules: Map<string, string>): { file: string; line: number; message: string }[] {
  // Inside the repository's node_modules, so imports of vitest and node types resolve as they
  // would in a user's project (and git never sees the files).
  mkdirSync(join(root, 'node_modules/.tmp'), { recursive: true })
  const dir = mkdtempSync(join(root, 'node_modules/.tmp/docs-code-'))
  temporary.push(dir)
  // The blocks are ES modules, as in a package with "type": "module".
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  const files = [...modules].map(([name, source]) => {
    const file = join(dir, name)
    mkdirSync(join(file, '..'), { recursive: true })
    // `export {}` keeps a block without imports a module, so blocks never share globals.
    writeFileSync(file, `${source}\nexport {}\n`)
    return file
  })
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, root)
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    // Application code, as a user writes it: no declaration files, so no explicit-types rule.
    declaration: false,
    isolatedDeclarations: false,
    paths: { '@tsgi/*': [join(root, 'packages/*/src/index.ts')] },
  }
  const program = ts.createProgram(files, options)
  const mine = new Set(files)
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file === undefined || mine.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const position =
        diagnostic.file && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
          : 0
      return {
        file: diagnostic.file ? diagnostic.file.fileName.slice(dir.length + 1) : '(program)',
        line: position,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      }
    })
}

const temporary: string[] = []
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true })
})

describe('the guide (docs/guide/0*.md)', () => {
  const blocks = pages.flatMap(blocksOf)

  it('has its five numbered pages', () => {
    expect(pages).toEqual([
      '01-getting-started.md',
      '02-apps-and-middleware.md',
      '03-writing-middleware.md',
      '04-testing.md',
      '05-deploying.md',
    ])
  })

  it('tags every TypeScript block plainly as ts, so none is skipped', () => {
    const tagged = blocks.filter((block) => /^(ts|typescript|tsx)\b/.test(block.info) && block.info !== 'ts')
    expect(tagged.map((block) => `${block.page}:${block.line} ${block.info}`)).toEqual([])
    // JavaScript would escape the type-check: the guide is TypeScript throughout.
    const js = blocks.filter((block) => /^(js|javascript|mjs)$/.test(block.info))
    expect(js.map((block) => `${block.page}:${block.line}`)).toEqual([])
  })

  it('quotes example files word for word where a block names one', () => {
    const stale: string[] = []
    for (const block of blocks.filter((b) => b.info === 'ts')) {
      const [first = '', ...rest] = block.code.split('\n')
      const path = EXCERPT.exec(first)?.[1]
      if (path === undefined) continue
      const source = readFileSync(join(root, path), 'utf8')
      if (!source.includes(rest.join('\n'))) stale.push(`${block.page}:${block.line} is not an excerpt of ${path}`)
    }
    expect(stale).toEqual([])
  })

  it('type-checks every other ts block as a module against the packages', () => {
    const modules = new Map<string, string>()
    const origin = new Map<string, Block>()
    for (const block of blocks.filter((b) => b.info === 'ts')) {
      if (EXCERPT.test(block.code.split('\n')[0] ?? '')) continue
      const name = `${block.page.replace(/\.md$/, '')}/line-${block.line}.ts`
      modules.set(name, block.code)
      origin.set(name, block)
    }
    expect(modules.size).toBeGreaterThan(5)
    const problems = typecheck(modules).map(({ file, line, message }) => {
      const block = origin.get(file)
      // The block's first code line is the line after its fence.
      return block ? `${block.page}:${block.line + line}: ${message}` : `${file}:${line}: ${message}`
    })
    expect(problems).toEqual([])
  }, 120_000)

  it('would catch a block that does not compile (the check itself can fail)', () => {
    const problems = typecheck(
      new Map([
        ['bad/wrong-type.ts', "import type { App } from '@tsgi/core'\nexport const app: App = () => 'a string body'"],
        ['bad/missing-export.ts', "import { notAnExport } from '@tsgi/core'\nnotAnExport()"],
      ]),
    )
    expect(problems.map((problem) => problem.file).sort()).toEqual(['bad/missing-export.ts', 'bad/wrong-type.ts'])
  }, 120_000)
})

// Every code block of the guide (docs/guide/*.md) and of the packages' and examples' READMEs must
// run or compile: a ```ts block is type-checked as its own module against the packages' sources,
// with the project's compiler options; a block whose first line names an example file
// (`// examples/<name>/src/<file>.ts`) must be an excerpt of that file, word for word, so it is
// covered by that example's tests. Other languages (sh, http, text, …) are for what is not code.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const markdown = (dir: string): string[] =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `${dir}/${name}`)
const dirsIn = (parent: string): string[] =>
  readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
const packageDirs = dirsIn('packages')
const readmes = (parent: string): string[] =>
  dirsIn(parent)
    .filter((name) => existsSync(join(root, parent, name, 'README.md')))
    .map((name) => `${parent}/${name}/README.md`)
/** The guide's pages, in reading order (their names start with a two-digit number). */
const guidePages = markdown('docs/guide')
const readmePages = ['README.md', ...readmes('packages'), ...readmes('examples')]

interface Block {
  page: string
  /** The fence's line number in the page (1-based). */
  line: number
  /** What follows the backticks: `ts`, `sh`, … */
  info: string
  code: string
}

/** The fenced code blocks of a Markdown page (a path from the repository's root), in order. */
function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n')
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
  // A block may import what a package's own tests use (hono, for @tsgi/fetch): the folder gets a
  // node_modules with a link to each package's dependencies, found before the root's.
  for (const name of packageDirs) {
    const modulesDir = join(root, 'packages', name, 'node_modules')
    if (!existsSync(modulesDir)) continue
    for (const entry of readdirSync(modulesDir)) {
      if (entry.startsWith('.') || entry === '@tsgi') continue
      const scoped = entry.startsWith('@')
        ? readdirSync(join(modulesDir, entry)).map((sub) => `${entry}/${sub}`)
        : [entry]
      for (const dependency of scoped) {
        const link = join(dir, 'node_modules', dependency)
        if (existsSync(link)) continue
        mkdirSync(join(link, '..'), { recursive: true })
        symlinkSync(join(modulesDir, dependency), link)
      }
    }
  }
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

describe('the guide (docs/guide/*.md)', () => {
  it('has its pages in one numbered reading order', () => {
    expect(guidePages).toEqual([
      'docs/guide/01-getting-started.md',
      'docs/guide/02-apps-and-middleware.md',
      'docs/guide/03-writing-middleware.md',
      'docs/guide/04-routing.md',
      'docs/guide/05-errors.md',
      'docs/guide/06-query-strings.md',
      'docs/guide/07-testing.md',
      'docs/guide/08-serving.md',
      'docs/guide/09-deploying.md',
      'docs/guide/10-fetch.md',
      'docs/guide/11-cli.md',
      'docs/guide/12-compression.md',
      'docs/guide/13-static-files.md',
      'docs/guide/14-forms-and-uploads.md',
      'docs/guide/15-cookies-and-sessions.md',
      'docs/guide/16-production.md',
      'docs/guide/17-middleware.md',
      'docs/guide/18-aws-lambda.md',
    ])
  })

  checkBlocks(guidePages)
})

describe('the READMEs (README.md, packages/*/README.md, examples/*/README.md)', () => {
  it('finds a README for every package and example', () => {
    expect(readmePages).toContain('packages/core/README.md')
    expect(readmePages).toContain('examples/hello-world/README.md')
    expect(readmePages.length).toBeGreaterThan(10)
  })

  checkBlocks(readmePages)
})

describe('the check', () => {
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

/** The checks every page's blocks go through. */
function checkBlocks(pages: string[]): void {
  const blocks = pages.flatMap(blocksOf)

  it('names a language for every block, so no code hides in an untagged one', () => {
    const untagged = blocks.filter((block) => block.info === '')
    expect(untagged.map((block) => `${block.page}:${block.line}`)).toEqual([])
  })

  it('tags every TypeScript block plainly as ts, so none is skipped', () => {
    const tagged = blocks.filter((block) => /^(ts|typescript|tsx)\b/.test(block.info) && block.info !== 'ts')
    expect(tagged.map((block) => `${block.page}:${block.line} ${block.info}`)).toEqual([])
    // JavaScript would escape the type-check: the docs are TypeScript throughout.
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
}

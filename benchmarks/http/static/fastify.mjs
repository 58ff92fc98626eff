// @fastify/static on fastify 5, with its defaults (on @fastify/send).
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import { host, ready } from '../../lib/ready.mjs'
import { ensureFiles, root } from './files.mjs'

ensureFiles()
const app = Fastify({ logger: false })
await app.register(fastifyStatic, { root })
await app.listen({ port: 0, host })
ready(app.server.address().port)

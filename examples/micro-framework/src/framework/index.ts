export { createApp, type Handler, type MicroApp } from './create-app.js'
export { type PolicyOptions, policy } from './policy.js'
export { Request } from './request.js'
export { empty, json, type Response, type ResponseInit, text } from './response.js'

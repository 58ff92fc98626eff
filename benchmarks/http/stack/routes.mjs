// The realistic stack's table: 20 routes in the `:param` syntax every router here accepts.
// The request hits a parametric route past the middle of the table, with a query string.
export const patterns = [
  '/',
  '/health',
  '/login',
  '/logout',
  '/products',
  '/products/:id',
  '/products/:id/reviews',
  '/orders',
  '/orders/:id',
  '/orders/:id/items',
  '/cart',
  '/cart/items/:itemId',
  '/search',
  '/categories/:slug',
  '/users',
  '/users/:id',
  '/users/:id/orders',
  '/users/:id/settings',
  '/admin/stats',
  '/static/version',
]

/** The route the load hits; its handler answers from the path parameter and the query. */
export const target = '/users/:id'

/** The request every server gets. */
export const path = '/users/42?fields=name%2Cemail&page=2&sort=desc'

/** What every server must answer to it (the handler's object through JSON.stringify). */
export const expected = JSON.stringify({ id: '42', fields: 'name,email', page: '2' })

/** The object the target handler answers; `query` values may be strings or arrays (first wins). */
export function answer(id, fields, page) {
  return { id, fields: Array.isArray(fields) ? fields[0] : fields, page: Array.isArray(page) ? page[0] : page }
}

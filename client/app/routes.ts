/** Which page a path shows. The server falls back to index.html for these paths. */
export type Route = 'wall' | 'console' | 'briefing' | 'not-found'

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/'
  if (path === '/' || path === '/wall') return 'wall'
  if (path === '/console') return 'console'
  if (path === '/briefing') return 'briefing'
  return 'not-found'
}

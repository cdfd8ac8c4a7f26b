/** The dashboard's hash routes: `#/`, `#/application/<id>`, `#/run/<id>` (an optional `?query` after the path). */
export type Route =
  | { page: 'list'; query: string }
  | { page: 'application'; id: string }
  | { page: 'run'; id: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'application' && parts[1]) return { page: 'application', id: parts[1] };
  if (parts[0] === 'run' && parts[1]) return { page: 'run', id: parts[1] };
  return { page: 'list', query };
}

export function routeHref(route: Route): string {
  if (route.page === 'application') return `#/application/${encodeURIComponent(route.id)}`;
  if (route.page === 'run') return `#/run/${encodeURIComponent(route.id)}`;
  return route.query ? `#/?${route.query}` : '#/';
}

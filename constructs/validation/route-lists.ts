import type { ForeignForm } from './known-props';
import { quoted } from './text-lists';

// An App's `route` is one route, where app-template's ingress and an Ingress list several hosts: the
// further routes of an app are added with `addRoute`, which the hint writes with the hosts the user gave.

/** A route as a hint writes it: its host, and `…` for whatever else it sets. Pure. */
function routeText(route: unknown): string {
  const host = route !== null && typeof route === 'object' ? (route as { host?: unknown }).host : undefined;
  const more = route !== null && typeof route === 'object' && Object.keys(route).some((key) => key !== 'host');
  return `{ host: ${typeof host === 'string' ? quoted(host) : '…'}${more ? ', …' : ''} }`;
}

/**
 * An App's props whose `route` is a list of routes: one problem on `route` whose hint keeps the first as
 * `route` and adds each further one with `addRoute`. Pure.
 */
export function routeListForm(props: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const routes = props.route;
  if (!Array.isArray(routes) || routes.length === 0) {
    return undefined;
  }
  const [first, ...further] = routes;
  return {
    key: 'route', keys: ['route'],
    message: `route is a list of ${routes.length} route${routes.length === 1 ? '' : 's'}; it takes one`,
    hint: `write route: ${routeText(first)}${further.length === 0 ? ''
      : `, and add the further route${further.length === 1 ? '' : 's'} with app.${further.map((route) => `addRoute(${routeText(route)})`).join('.')}`}`,
  };
}

import type { ForeignForm } from './known-props';

// An Ingress backend and Helm's app-template name the Service port a route sends to (`port: http`); a
// route here names it by number, so a name is answered with the number of the port it names.

/** The app's ports as the props give them, each with the number its Service serves. */
function servicePorts(ports: unknown): Array<{ name: string; number: number }> {
  return (Array.isArray(ports) ? ports : []).flatMap((port) => {
    const { name, port: number, servicePort } = (port ?? {}) as { name?: unknown; port?: unknown; servicePort?: unknown };
    const served = typeof servicePort === 'number' ? servicePort : number;
    return typeof name === 'string' && typeof served === 'number' ? [{ name, number: served }] : [];
  });
}

/**
 * An App's props whose `route.port` is text: the port's name, or its number in quotes. One problem on
 * `route.port` whose hint writes the route with the number. Pure.
 */
export function routePortNameForm(props: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const route = props.route;
  return route !== null && typeof route === 'object' && !Array.isArray(route)
    ? routePortTextForm(route as Record<string, unknown>, propsServicePorts(props), 'route', (written) => `route: ${written}`) : undefined;
}

/**
 * The ports of the app's Service as its props give them: its own `ports`, then those of each further main container
 * and sidecar, which join the Service too (an nginx sidecar in front of PHP-FPM serves the route). Pure.
 */
function propsServicePorts(props: Readonly<Record<string, unknown>>): unknown[] {
  const containerPorts = ['containers', 'sidecars'].flatMap((list) => (Array.isArray(props[list]) ? props[list] as unknown[] : []))
    .flatMap((container) => {
      const ports = (container as { ports?: unknown } | null | undefined)?.ports;
      return Array.isArray(ports) ? ports : [];
    });
  return [...(Array.isArray(props.ports) ? props.ports : []), ...containerPorts];
}

/**
 * A route whose `port` is text, written at `at` (`route`, or `addRoute` for the route the method was given),
 * of an app with `ports`: one problem on its `port` whose hint writes the route (as `write` puts it) with the
 * port's number. The one answer for both places a route is written. Pure.
 */
export function routePortTextForm(route: Readonly<Record<string, unknown>>, ports: unknown, at: 'route' | 'addRoute', write: (route: string) => string): ForeignForm | undefined {
  const port = route.port;
  if (typeof port !== 'string') {
    return undefined;
  }
  const served = servicePorts(ports);
  const number = /^\s*\d+\s*$/.test(port) ? Number(port) : served.find((p) => p.name === port)?.number;
  const host = typeof route.host === 'string' ? `host: '${route.host}', ` : '';
  return {
    key: at === 'route' ? 'route.port' : 'port',
    keys: [at === 'route' ? 'route' : 'port'],
    message: `${at === 'route' ? 'route.port' : "addRoute's port"} is "${port}", text where the route names the Service port by its number`,
    hint: number !== undefined
      ? `write the number${/^\s*\d+\s*$/.test(port) ? ', without quotes' : ` of port "${port}"`}: ${write(`{ ${host}port: ${number} }`)}`
      : `the app has no port named "${port}"; give the number of one of its Service ports: ${served.map((p) => `${p.number} (${p.name})`).join(', ') || 'none yet (add one to ports)'}`,
  };
}

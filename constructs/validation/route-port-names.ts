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
  const route = props.route as Record<string, unknown> | undefined;
  const port = route !== null && typeof route === 'object' && !Array.isArray(route) ? route.port : undefined;
  if (typeof port !== 'string') {
    return undefined;
  }
  const ports = servicePorts(props.ports);
  const number = /^\s*\d+\s*$/.test(port) ? Number(port) : ports.find((p) => p.name === port)?.number;
  const host = typeof route!.host === 'string' ? `host: '${route!.host}', ` : '';
  return {
    key: 'route.port',
    keys: ['route'],
    message: `route.port is "${port}", text where the route names the Service port by its number`,
    hint: number !== undefined
      ? `write the number${/^\s*\d+\s*$/.test(port) ? ', without quotes' : ` of port "${port}"`}: route: { ${host}port: ${number} }`
      : `the app has no port named "${port}"; give the number of one of its Service ports: ${ports.map((p) => `${p.number} (${p.name})`).join(', ') || 'none yet (add one to ports)'}`,
  };
}

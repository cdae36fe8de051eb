import type { ForeignForm } from './known-props';

// A pod spec's probe may name the container port it checks (`port: http`); a probe here names it by number,
// so a name is answered with the number of the port it names.

/** The probes of an App's props, in the order the props name them. */
const PROBES = ['readiness', 'liveness', 'startup'] as const;

/**
 * An App's props, or a further container's (`owner` says which: `the app`, `the container`), whose
 * `probes.<probe>.port` is text: a port's name, or its number in quotes. One problem on that port, whose hint
 * gives the container port's number (a probe checks the container, not the Service). Pure.
 */
export function probePortNameForm(props: Readonly<Record<string, unknown>>, owner = 'the app'): ForeignForm | undefined {
  const probes = props.probes;
  if (probes === null || typeof probes !== 'object' || Array.isArray(probes)) {
    return undefined;
  }
  for (const probe of PROBES) {
    const port = ((probes as Record<string, unknown>)[probe] as { port?: unknown } | null | undefined)?.port;
    if (typeof port !== 'string') {
      continue;
    }
    const ports = (Array.isArray(props.ports) ? props.ports : []).flatMap((given) => {
      const { name, port: number } = (given ?? {}) as { name?: unknown; port?: unknown };
      return typeof name === 'string' && typeof number === 'number' ? [{ name, number }] : [];
    });
    const quoted = /^\s*\d+\s*$/.test(port);
    const number = quoted ? Number(port) : ports.find((p) => p.name === port)?.number;
    const sidecar = number === undefined ? sidecarWithPort(props, port) : undefined;
    return {
      key: `probes.${probe}.port`,
      keys: ['probes'],
      message: `probes.${probe}.port is "${port}", text where a probe names the container port it checks by its number`,
      hint: number !== undefined
        ? `write the number${quoted ? ', without quotes' : ` of port "${port}"`}: probes: { ${probe}: { ..., port: ${number} } }`
        : sidecar !== undefined
          ? `port "${port}" is ${sidecar.list === 'sidecars' ? 'the sidecar' : 'the container'} "${sidecar.name}"'s, and a probe of the app's main container checks only that container's own ports: `
            + `probe the ${sidecar.list === 'sidecars' ? 'sidecar' : 'container'} with its own probes (${sidecar.list}[${sidecar.index}].probes), or give the number of one of the app's ports: ${ports.map((p) => `${p.number} (${p.name})`).join(', ') || 'none yet (add one to ports)'}`
          : `${owner} has no port named "${port}"; give the number of one of its ports: ${ports.map((p) => `${p.number} (${p.name})`).join(', ') || 'none yet (add one to ports)'}`,
    };
  }
  return undefined;
}

/** The container given in the app's props (a sidecar, or another main container) that has a port named `port`. Pure. */
function sidecarWithPort(props: Readonly<Record<string, unknown>>, port: string): { list: string; index: number; name: string } | undefined {
  for (const list of ['sidecars', 'containers']) {
    const given = props[list];
    const containers: unknown[] = Array.isArray(given) ? given : [];
    for (let index = 0; index < containers.length; index++) {
      const { name, ports } = (containers[index] ?? {}) as { name?: unknown; ports?: unknown };
      if (typeof name === 'string' && Array.isArray(ports) && ports.some((p) => (p as { name?: unknown } | null)?.name === port)) {
        return { list, index, name };
      }
    }
  }
  return undefined;
}

/**
 * An App's props whose `metrics.port` is a number, where it names the port that serves metrics (the
 * ServiceMonitor's endpoint names the Service port): one problem on it whose hint gives that port's name. Pure.
 */
export function metricsPortNumberForm(props: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const metrics = props.metrics;
  const port = metrics !== null && typeof metrics === 'object' && !Array.isArray(metrics) ? (metrics as { port?: unknown }).port : undefined;
  if (typeof port !== 'number') {
    return undefined;
  }
  const ports = (Array.isArray(props.ports) ? props.ports : []).flatMap((given) => {
    const { name, port: number } = (given ?? {}) as { name?: unknown; port?: unknown };
    return typeof name === 'string' && typeof number === 'number' ? [{ name, number }] : [];
  });
  const named = ports.find((p) => p.number === port)?.name;
  return {
    key: 'metrics.port',
    keys: ['metrics'],
    message: `metrics.port is the number ${port}, where it names the app's port that serves metrics`,
    hint: named !== undefined
      ? `write the name of port ${port}: metrics: { port: '${named}' }`
      : `the app has no port ${port}; add it to ports with a name (ports: [..., { name: 'metrics', port: ${port} }]) and write metrics: { port: 'metrics' }`,
  };
}

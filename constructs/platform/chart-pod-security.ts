import { PodSecurityLevel, requiredPodSecurityLevel, widerLevel } from '../app/security';

/** A Helm value that asks the chart's pods for more than the restricted Pod Security level admits. */
export interface ChartValueDeparture {
  /** Path of the value, e.g. `values.child.securityContext.privileged`. */
  readonly field: string;
  /** What the value asks for. */
  readonly what: string;
  /** The narrowest level that admits it. */
  readonly level: PodSecurityLevel;
}

/** Pod-level switches into the node's namespaces, under whatever key of the values they sit. */
const HOST_NAMESPACE_KEYS: Readonly<Record<string, string>> = {
  hostNetwork: "the host's network", hostPID: "the host's process namespace", hostIPC: "the host's IPC namespace",
};

/**
 * The values that ask a chart's pods, in the words charts use for it (`hostNetwork: true`, and inside a
 * mapping whose key ends in `securityContext`, such as `podSecurityContext` or `containerSecurityContext`:
 * `privileged`, `allowPrivilegeEscalation`, `runAsUser: 0`, `runAsNonRoot: false`, added capabilities, an
 * Unconfined seccomp profile), for what the restricted Pod Security level refuses. What the chart does by
 * default is its own; only what the values ask is judged. Pure.
 */
export function chartValueDepartures(values: unknown, path = 'values', inSecurityContext = false): ChartValueDeparture[] {
  if (Array.isArray(values)) {
    return values.flatMap((value, i) => chartValueDepartures(value, `${path}[${i}]`, inSecurityContext));
  }
  if (values === null || typeof values !== 'object') {
    return [];
  }
  const found: ChartValueDeparture[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const field = `${path}.${key}`;
    if (HOST_NAMESPACE_KEYS[key] !== undefined && value === true) {
      found.push({ field, what: `shares ${HOST_NAMESPACE_KEYS[key]}`, level: 'privileged' });
    } else if (inSecurityContext) {
      found.push(...securityContextDepartures(key, value, field));
    }
    if (typeof value === 'object' && value !== null) {
      found.push(...chartValueDepartures(value, field, /securitycontext$/i.test(key)));
    }
  }
  return found;
}

function securityContextDepartures(key: string, value: unknown, field: string): ChartValueDeparture[] {
  if (key === 'privileged' && value === true) {
    return [{ field, what: 'runs privileged', level: 'privileged' }];
  }
  if (key === 'allowPrivilegeEscalation' && value === true) {
    return [{ field, what: 'lets the container escalate privileges', level: 'baseline' }];
  }
  if ((key === 'runAsUser' && value === 0) || (key === 'runAsNonRoot' && value === false)) {
    return [{ field, what: 'runs as root', level: 'baseline' }];
  }
  if (key === 'seccompProfile' && typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Unconfined') {
    return [{ field: `${field}.type`, what: 'runs without a seccomp profile', level: 'privileged' }];
  }
  if (key === 'capabilities' && typeof value === 'object' && value !== null) {
    const added = (value as { add?: unknown }).add;
    const capabilities = Array.isArray(added) ? added.map(String).filter((c) => c !== 'NET_BIND_SERVICE') : [];
    if (capabilities.length > 0) {
      const level = requiredPodSecurityLevel({ addCapabilities: { capabilities, reason: 'chart values' } });
      return [{ field: `${field}.add`, what: `adds the capabilities ${capabilities.join(', ')}`, level }];
    }
  }
  return [];
}

/** The narrowest level that admits every departure (`restricted` when there is none). Pure. */
export function levelOfDepartures(departures: readonly ChartValueDeparture[]): PodSecurityLevel {
  return departures.reduce<PodSecurityLevel>((level, d) => widerLevel(level, d.level), 'restricted');
}

/**
 * The one problem of chart values that ask the pods for more than `enforced`, the level namespace `namespace`
 * enforces (the widest that its components and apps ask for): admission would refuse every such pod while the
 * release reports success. Undefined when the namespace admits them, whatever level the chart itself asked
 * for: a component that asks for less than a neighbour's wider level still runs there. Pure.
 */
export function valuesBeyondNamespaceLevel(values: unknown, namespace: string, enforced: PodSecurityLevel): { field: string; message: string; hint: string } | undefined {
  const beyond = chartValueDepartures(values).filter((d) => widerLevel(enforced, d.level) !== enforced);
  if (beyond.length === 0) {
    return undefined;
  }
  const needed = levelOfDepartures(beyond);
  return {
    field: beyond[0].field,
    message: `the values ask the chart's pods for what namespace "${namespace}" (Pod Security "${enforced}") refuses: `
      + `${beyond.map((d) => `${d.field.slice('values.'.length)} ${d.what}`).join('; ')}`,
    hint: `state why the namespace needs more: cluster.namespaces.ensure('${namespace}', { podSecurity: '${needed}', reason: '…' }), `
      + 'whose reason is written on the namespace; or drop the values',
  };
}

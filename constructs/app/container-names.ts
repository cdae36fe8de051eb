import type { PropProblem } from '../validation/known-props';

const KINDS = ['containers', 'initContainers', 'sidecars'] as const;

/**
 * Containers of an app's props whose name another container of the pod has already (the main container is
 * named after the app; init containers and sidecars share the pod's names), each on the prop that repeats
 * it, `sidecars[0].name`, rather than on the rendered pod, which the user never wrote. Pure.
 */
export function containerNameProblems(appId: string, props: Partial<Record<(typeof KINDS)[number], unknown>>): PropProblem[] {
  const taken = new Map<string, string>([[appId, 'the main container (named after the app)']]);
  const problems: PropProblem[] = [];
  for (const kind of KINDS) {
    const list = Array.isArray(props[kind]) ? props[kind] as unknown[] : [];
    list.forEach((container, i) => {
      const name = (container as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') {
        return; // the props' shape reports it
      }
      const first = taken.get(name);
      if (first === undefined) {
        taken.set(name, `${kind}[${i}]`);
        return;
      }
      problems.push(sameNameProblem(name, first, `${kind}[${i}].name`));
    });
  }
  return problems;
}

/** A container named `name` where `first` (a description of the container that has it) is already so named. Pure. */
export function sameNameProblem(name: string, first: string, field: string): PropProblem {
  return {
    field, message: `container name "${name}" is taken by ${first}; the API server refuses two containers of one pod of one name`,
    hint: 'give every container of the pod, init containers and sidecars included, its own name',
  };
}

/**
 * Probes or ports given to a plain init container, which runs to completion before the app starts: the API
 * server refuses its probes, and its ports join no Service (nothing listens on them once the app runs), so
 * either would be dropped. A container that keeps running beside the app, checked or served, is a sidecar. Pure.
 */
export function initContainerProblems(container: unknown, prefix: string): PropProblem[] {
  const { probes, ports } = (container ?? {}) as { probes?: unknown; ports?: unknown };
  const given = probes !== null && typeof probes === 'object'
    ? Object.entries(probes).filter(([, probe]) => probe !== false && probe !== undefined).map(([name]) => name) : [];
  return [
    ...(given.length === 0 ? [] : [{
      field: `${prefix}probes`,
      message: `an init container runs to completion before the app starts and takes no probes (${given.join(', ')} given), which would be dropped`,
      hint: INIT_HINT('probes'),
    }]),
    ...(Array.isArray(ports) && ports.length > 0 ? [initPortProblem(`${prefix}ports`)] : []),
  ];
}

/** A port given to a plain init container at `field` (its `ports` prop, or `addPort` on it). Pure. */
export function initPortProblem(field: string): PropProblem {
  return {
    field,
    message: 'an init container runs to completion before the app starts, so nothing listens on its ports once the app runs; they would join no Service',
    hint: INIT_HINT('ports'),
  };
}

const INIT_HINT = (what: string) => `leave ${what} out of the init container, or make it a sidecar (sidecars: [...], or addSidecar) if it keeps running beside the app`;

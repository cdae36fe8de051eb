import type { ClusterChart } from './cluster-chart';
import { manifestOf } from '../interop/api-object-json';
import { reportFinding } from '../validation/finding';
import { apiObjectsOf } from './triggers';

/**
 * A field of a Gateway API kind that the standard channel lacks, or gained only at a later release:
 * `standardSince` is the first release whose standard channel has it (absent: experimental channel only,
 * up to v1.4.1, the release the schema layer validates against). The schema layer validates against the
 * experimental channel, which has every field; this table says what a cluster whose CRDs are the standard
 * channel of an older release lacks. Path steps ending in `[]` are lists.
 */
interface ChannelField {
  readonly kinds: readonly string[];
  readonly path: readonly string[];
  readonly standardSince?: readonly [number, number];
  /** What the field is, for the message. */
  readonly what: string;
}

const ROUTES = ['HTTPRoute', 'GRPCRoute'];

/** Fields beyond the v1.2.0 standard channel, from the v1.4.1 experimental and standard CRDs and the release notes. */
const CHANNEL_FIELDS: readonly ChannelField[] = [
  { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'retry'], what: 'retries' },
  { kinds: ROUTES, path: ['spec', 'rules[]', 'sessionPersistence'], what: 'session persistence' },
  { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'filters[]', 'cors'], what: 'the CORS filter' },
  { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'backendRefs[]', 'filters[]', 'cors'], what: 'the CORS filter' },
  { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'filters[]', 'externalAuth'], what: 'the ExternalAuth filter' },
  { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'backendRefs[]', 'filters[]', 'externalAuth'], what: 'the ExternalAuth filter' },
  { kinds: ROUTES, path: ['spec', 'useDefaultGateways'], what: 'default Gateways' },
  { kinds: ['Gateway'], path: ['spec', 'allowedListeners'], what: 'ListenerSets' },
  { kinds: ['Gateway'], path: ['spec', 'defaultScope'], what: 'default Gateways' },
  { kinds: ['Gateway'], path: ['spec', 'tls'], what: 'Gateway-wide TLS settings' },
  ...['percent', 'fraction'].flatMap((field) => [
    { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'filters[]', 'requestMirror', field], standardSince: [1, 3] as const, what: 'percentage-based mirroring' },
    { kinds: ['HTTPRoute'], path: ['spec', 'rules[]', 'backendRefs[]', 'filters[]', 'requestMirror', field], standardSince: [1, 3] as const, what: 'percentage-based mirroring' },
  ]),
  { kinds: ROUTES, path: ['spec', 'rules[]', 'name'], standardSince: [1, 4], what: 'named rules' },
];

/** `[major, minor]` of a release tag such as `v1.2.0`; undefined for what is no such tag. Pure. */
function releaseOf(tag: string): [number, number] | undefined {
  const match = /^v(\d+)\.(\d+)\.\d+/.exec(tag);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Whether the standard channel of `release` has `field`. Pure. */
function inStandard(field: ChannelField, release: [number, number]): boolean {
  const since = field.standardSince;
  return since !== undefined && (release[0] > since[0] || (release[0] === since[0] && release[1] >= since[1]));
}

/** Every value at `path` under `value`, with its field path (`spec.rules[0].retry`). Pure. */
function valuesAt(value: unknown, path: readonly string[], prefix = ''): Array<{ field: string; value: unknown }> {
  if (path.length === 0) {
    return value === undefined ? [] : [{ field: prefix, value }];
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  const [step, ...rest] = path;
  const key = step.replace(/\[\]$/, '');
  const next = (value as Record<string, unknown>)[key];
  const field = prefix ? `${prefix}.${key}` : key;
  if (!step.endsWith('[]')) {
    return valuesAt(next, rest, field);
  }
  return Array.isArray(next) ? next.flatMap((item, i) => valuesAt(item, rest, `${field}[${i}]`)) : [];
}

/** The fields of a Gateway API manifest that the standard channel of `tag` lacks. Pure. */
export function gatewayApiChannelProblems(manifest: { kind?: unknown; spec?: unknown }, tag: string): Array<{ field: string; what: string; since?: string }> {
  const release = releaseOf(tag);
  if (release === undefined) {
    return []; // the CNI's options report a tag that is no release
  }
  return CHANNEL_FIELDS.filter((entry) => entry.kinds.includes(String(manifest.kind)) && !inStandard(entry, release))
    .flatMap((entry) => valuesAt(manifest, entry.path).map(({ field }) => ({
      field, what: entry.what, since: entry.standardSince ? `v${entry.standardSince.join('.')}.0` : undefined,
    })));
}

/**
 * Reports, once every route is rendered, the fields of the cluster's Gateway API objects that the CRDs it
 * installs (the standard channel of release `tag`) do not have: a strict apply refuses them, and any other
 * apply drops them, so the retry or CORS policy written never reaches the Gateway.
 */
export function checkGatewayApiChannel(cluster: ClusterChart, tag: string, field: string): void {
  cluster.onPlatformPrepare(() => {
    for (const object of apiObjectsOf(cluster)) {
      if (!object.apiVersion.startsWith('gateway.networking.k8s.io/')) {
        continue;
      }
      const manifest = manifestOf(object);
      for (const problem of gatewayApiChannelProblems(manifest, tag)) {
        reportFinding(object, {
          layer: 'schema', severity: 'error', kind: manifest.kind, namespace: manifest.metadata?.namespace, name: manifest.metadata?.name,
          field: problem.field,
          message: `${problem.what} (${problem.field.replace(/\[\d+\]/g, '[]')}) is not in the Gateway API CRDs the cluster installs: the standard channel of ${tag}, `
            + `which ${problem.since ? `has it from ${problem.since}` : 'has it in the experimental channel only'}; an apply refuses or drops it`,
          hint: problem.since ? `drop the field, or install the CRDs of ${problem.since} or later (${field}: '${problem.since}') with a Cilium that implements that release`
            : 'drop the field: the experimental channel\'s CRDs are not installed',
        });
      }
    }
  });
}

import { KUBERNETES_VERSION } from './sources';

/** The Kubernetes release the schema layer validates against, e.g. `1.30`. */
const RELEASE = KUBERNETES_VERSION.replace(/^v|\.0$/g, '');

/**
 * A field of a stored object that a later release added and Kubernetes 1.30's definitions lack (read off the
 * 1.31 and 1.32 definitions against 1.30's), as a guide written for that release shows it: the API server
 * refuses the object with "unknown field". `holder` matches the path of the object that holds the field.
 */
interface NewerField {
  readonly field: string;
  readonly holder: (path: string, kind: string) => boolean;
  readonly since: string;
  readonly what: string;
  /** What 1.30 offers instead. */
  readonly instead: string;
}

/** A pod spec: a workload's template's, or a bare Pod's own. */
const podSpec = (path: string, kind: string) => /(^|\.)template\.spec$/.test(path) || (kind === 'Pod' && path === 'spec');
const podSecurityContext = (path: string, kind: string) => /securityContext$/.test(path) && podSpec(path.replace(/\.securityContext$/, ''), kind);

const NEWER_FIELDS: readonly NewerField[] = [
  { field: 'resources', holder: podSpec, since: '1.32', what: 'pod-level resources', instead: "give each container its resources (an App's resources)" },
  { field: 'image', holder: (path) => /(^|\.)volumes\[\d+\]$/.test(path), since: '1.31', what: 'an image volume', instead: 'copy the files from that image into an emptyDir with an init container, or build them into the image' },
  { field: 'supplementalGroupsPolicy', holder: podSecurityContext, since: '1.31', what: 'supplementalGroupsPolicy', instead: 'leave it out: the groups of the image\'s /etc/group are merged as before' },
  { field: 'seLinuxChangePolicy', holder: podSecurityContext, since: '1.32', what: 'seLinuxChangePolicy', instead: 'leave it out: volumes are relabelled as before' },
  ...['preferredHolder', 'strategy'].map((field) => ({
    field, holder: (path: string, kind: string) => kind === 'Lease' && path === 'spec', since: '1.31', what: `a Lease's ${field}`, instead: 'leave it out: holders take the lease as before',
  })),
];

/** Volume sources a later release added, which 1.30 has not (the schema refuses them; no other rule judges them). */
export const NEWER_VOLUME_SOURCES: ReadonlySet<string> = new Set(NEWER_FIELDS.filter((entry) => entry.field === 'image').map((entry) => entry.field));

/**
 * The hint for an unknown `field` of the object at `holder` (a violation's path) in an object of `kind`, when a
 * later release added it; undefined otherwise. Pure.
 */
export function newerFieldHint(kind: string, holder: string, field: string): string | undefined {
  const entry = NEWER_FIELDS.find((candidate) => candidate.field === field && candidate.holder(holder, kind));
  return entry && `${entry.what} came with Kubernetes ${entry.since}, and the cluster's ${RELEASE} has no such field: ${entry.instead}`;
}

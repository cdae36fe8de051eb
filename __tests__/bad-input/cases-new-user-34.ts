import type { ClusterChart } from '../../constructs';
import { AppVolume, Tenant } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, raw } from './lab';

// Sizing, as a home-lab owner writes it after reading the README: requests and limits in the units of
// docker, the JVM and PostgreSQL, quotas and LimitRanges per namespace, and scratch space.

/** A Deployment `w` of one container whose resources are `resources`, otherwise passing every policy. */
const sized = (resources: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'web' },
  spec: {
    selector: { matchLabels: { app: 'w' } },
    template: {
      metadata: { labels: { app: 'w' } },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'w', image: 'busybox:1.36.1', readinessProbe: { exec: { command: ['true'] } }, resources,
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        }],
      },
    },
  },
});

/** PostgreSQL's official image with its socket folder and data on volumes, as the README asks; `props` add to it. */
const postgres = (props: Record<string, unknown>) => labApp('db', {
  image: 'docker.io/library/postgres:16.4', ports: [{ name: 'pg', port: 5432 }],
  persistence: {
    run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/var/lib/postgresql/data' },
  },
  ...props,
});

/** A tenant `peers-alice` whose quota is `quota` over the defaults of a small one. */
const tenant = (c: ClusterChart, quota: Record<string, unknown> = {}) =>
  new Tenant(c, 't', { namespace: 'peers-alice', owner: 'alice', quota: { requestsMemory: '1Gi', limitsMemory: '2Gi', pods: 4, ...quota } });

export const CASES: BadInput[] = [
  // CPU sized like memory, as a VM's settings page shows both side by side.
  { name: 'a CPU request written in gibibytes', build: guarded(labApp('web', { resources: { cpuRequest: '1.5Gi' } })), layer: 'props', path: 'web', field: 'resources.cpuRequest' },
  { name: 'a memory request of 500m, docker\'s half a gigabyte', build: guarded(labApp('web', { resources: { memoryRequest: '500m' } })), layer: 'props', path: 'web', field: 'resources.memoryRequest', hint: /500Mi/ },
  { name: 'a CPU limit of "half" a core', build: guarded(labApp('web', { resources: { cpuLimit: 'half' } })), layer: 'props', path: 'web', field: 'resources.cpuLimit', hint: /0\.5/ },
  { name: 'an ephemeral-storage limit among the App\'s resources', build: guarded(labApp('web', { resources: { ephemeralStorageLimit: '1Gi' } })), layer: 'props', path: 'web', field: 'resources.ephemeralStorageLimit' },
  { name: 'half a GPU', build: guarded(labApp('web', { gpu: { vendor: 'nvidia', count: 0.5 } })), layer: 'props', path: 'web', field: 'gpu.count' },
  // The JVM's heap set as the image's README shows, with the App's memory limit left as it is or set to match.
  {
    name: 'a JVM heap (-Xmx in JAVA_OPTS) above the memory limit', build: guarded(labApp('web', { image: 'docker.io/library/eclipse-temurin:21.0.4_7-jre', env: { JAVA_OPTS: '-Xms1g -Xmx2g' }, resources: { memoryLimit: '1Gi' } })),
    layer: 'props', path: 'web', field: 'env.JAVA_OPTS', hint: /resources\.memoryLimit to at least 3072Mi|MaxRAMPercentage/,
  },
  {
    name: 'a JVM heap of 1g under the default memory limit of 512Mi', build: guarded(labApp('web', { env: { JAVA_TOOL_OPTIONS: '-Xmx1g' } })),
    layer: 'props', path: 'web', field: 'env.JAVA_TOOL_OPTIONS', message: /512Mi/,
  },
  {
    name: 'a JVM heap as large as the memory limit of a sidecar added later', build: guarded((c: ClusterChart) => labApp('web')(c).addSidecar({ name: 'jmx', image: 'busybox:1.36.1', command: ['java', '-Xmx1024m', '-jar', '/opt/exporter.jar'], resources: { memoryLimit: '1Gi' } })),
    layer: 'props', path: 'web', field: 'addSidecar.command', hint: /addSidecar\.resources\.memoryLimit/,
  },
  {
    name: 'a JVM heap above the memory limit of a migration init container', build: guarded(labApp('web', { initContainers: [{ name: 'migrate', image: 'docker.io/liquibase/liquibase:4.29.2', env: { JAVA_OPTS: '-Xmx768m' }, resources: { memoryLimit: '512Mi' } }] })),
    layer: 'props', path: 'web', field: 'initContainers[0].env.JAVA_OPTS', hint: /initContainers\[0\]\.resources\.memoryLimit/,
  },
  // shared_buffers tuned for the host, not for the container.
  { name: "PostgreSQL's shared_buffers above its memory limit", build: guarded(postgres({ args: ['-c', 'shared_buffers=2GB'], resources: { memoryLimit: '1Gi' } })), layer: 'props', path: 'db', field: 'args' },
  { name: "PostgreSQL's shared_buffers as a long option under the default memory limit", build: guarded(postgres({ args: ['--shared_buffers=1GB'] })), layer: 'props', path: 'db', field: 'args', message: /512Mi/ },
  // Scratch space written by hand, as a build tool's guide shows it.
  { name: 'an ephemeral-storage request above its limit', build: sized({ requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '2Gi' }, limits: { memory: '128Mi', 'ephemeral-storage': '1Gi' } }), layer: 'schema', path: 'w', field: /requests\.ephemeral-storage$/ },
  // The tenant's quota sized for the app alone, its exporter sidecar forgotten.
  {
    name: "a tenant quota that fits the app's request but not its sidecar's beside it",
    build: guarded((c: ClusterChart) => {
      tenant(c, { requestsMemory: '2Gi', limitsMemory: '4Gi' });
      labApp('web', {
        namespace: 'peers-alice', resources: { memoryRequest: '768Mi', memoryLimit: '1Gi' },
        sidecars: [{ name: 'exporter', image: 'busybox:1.36.1', command: ['sleep', 'infinity'], resources: { memoryRequest: '512Mi', memoryLimit: '512Mi' } }],
      })(c);
    }),
    layer: 'policy', path: 't', field: 'quota.requestsMemory', message: /2560Mi/,
  },
  { name: "a tenant's default memory limit above its whole quota", build: guarded((c: ClusterChart) => tenant(c, { defaultLimitsMemory: '4Gi' })), layer: 'props', path: 't', field: 'quota.defaultLimitsMemory' },
  // A LimitRange and a quota written by hand, the default copied from a bigger namespace.
  {
    name: 'a hand-written LimitRange whose default memory limit is above the namespace quota',
    build: (c) => {
      raw(c, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'web' }, spec: { limits: [{ type: 'Container', default: { memory: '2Gi' }, defaultRequest: { memory: '256Mi' } }] } });
      raw(c, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { 'limits.memory': '1Gi', 'requests.memory': '512Mi' } } });
    },
    layer: 'policy', path: 'q', field: 'spec.hard["limits.memory"]', hint: /default\.memory below 1Gi/,
  },
  {
    name: "a hand-written LimitRange whose default CPU request is above the quota's cpu",
    build: (c) => {
      raw(c, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'web' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '1' }, default: { cpu: '2' } }] } });
      raw(c, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { cpu: '500m' } } });
    },
    layer: 'policy', path: 'q', field: 'spec.hard["cpu"]', hint: /defaultRequest\.cpu/,
  },
];

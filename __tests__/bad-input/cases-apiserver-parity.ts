import type { ClusterChart } from '../../constructs';
import { ServiceRoute } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodDeployment, guarded, labApp, podWithContainer, raw } from './lab';

// Input whose YAML the API server, or the kubelet that admits the pod, refuses for rules of its own Go
// validation: reported on the prop the user wrote.

const POD = 'spec.template.spec';
const w = (manifest: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', manifest);
const ingress = (path: string) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
  raw(c, 'w', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
    spec: { rules: [{ host: 'web.lab.test', http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  });
};

export const CASES: BadInput[] = [
  // Sysctls of a namespace the pod shares with its host: the kubelet refuses the pod (SysctlForbidden).
  {
    name: 'a network sysctl on an app on the host network',
    build: guarded(labApp('web', { sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' }, exemptions: { hostNetwork: 'DHCP and mDNS on the LAN' } })),
    layer: 'props', path: 'web', field: 'sysctls.net.ipv4.ip_unprivileged_port_start', hint: /drop the hostNetwork exemption/,
  },
  {
    name: 'a network sysctl written with slashes on an app on the host network',
    build: guarded(labApp('web', { sysctls: { 'net/ipv4/ping_group_range': '0 2147483647' }, exemptions: { hostNetwork: 'DHCP and mDNS on the LAN' } })),
    layer: 'props', path: 'web', field: 'sysctls.net/ipv4/ping_group_range',
  },
  {
    name: 'a network sysctl in a hand-written pod on the host network',
    build: w(goodDeployment('web', { hostNetwork: true, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 1000' }] } })),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.sysctls[0].name`,
  },
  {
    name: 'an IPC sysctl in a hand-written pod sharing the host IPC namespace',
    build: w(goodDeployment('web', { hostIPC: true, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] } })),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.sysctls[0].name`,
  },
  // Route paths a proxy cleans before it matches: the API server refuses them in an Ingress, Gateway API in an HTTPRoute.
  { name: 'a route path with a doubled slash', build: guarded(labApp('web', { route: { host: 'web', path: '/api//v1' } })), layer: 'props', path: 'web', field: 'route.path', hint: /\/api\/v1$/ },
  { name: 'a route path that climbs with ..', build: guarded(labApp('web', { route: { host: 'web', path: '/app/../admin' } })), layer: 'props', path: 'web', field: 'route.path', hint: /\/admin$/ },
  { name: 'a route path ending in /.', build: guarded(labApp('web', { route: { host: 'web', rules: [{ path: '/api/.' }] } })), layer: 'props', path: 'web', field: 'route.rules[0].path' },
  { name: 'a route path with an encoded slash', build: guarded(labApp('web', { route: { host: 'web', path: '/api%2Fv1' } })), layer: 'props', path: 'web', field: 'route.path' },
  {
    name: 'a ServiceRoute path with a doubled slash',
    build: guarded((cluster: ClusterChart) => new ServiceRoute(cluster, 'dashboard', { host: 'dash', namespace: 'web', serviceName: 'dash', port: 80, path: '/dash//' })),
    layer: 'props', path: 'dashboard', field: 'path',
  },
  // Security settings whose parts contradict each other.
  {
    name: 'a Localhost seccomp profile without its file',
    build: w(goodDeployment('web', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Localhost' } } })),
    layer: 'schema', path: 'w', field: `${POD}.securityContext.seccompProfile.localhostProfile`,
  },
  {
    name: 'a seccomp profile file beside type RuntimeDefault',
    build: w(podWithContainer({ securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'profiles/web.json' } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.securityContext.seccompProfile.localhostProfile`,
  },
  {
    name: 'Bidirectional mount propagation in an unprivileged container',
    build: w(podWithContainer({ volumeMounts: [{ name: 'cache', mountPath: '/cache', mountPropagation: 'Bidirectional' }] }, { volumes: [{ name: 'cache', emptyDir: {} }] })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.volumeMounts[0].mountPropagation`,
  },
  { name: 'a hand-written Ingress Prefix path with /./', build: ingress('/api/./v1'), layer: 'schema', path: 'w', field: 'spec.rules[0].http.paths[0].path' },
];

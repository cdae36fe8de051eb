import type { AppDevice } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, guarded, labApp, podWithContainer, raw } from './lab';

// Container security settings and host devices that the API server, the kubelet or the runtime refuse or
// quietly ignore.
const P = CONTAINER;
const INIT = 'spec.template.spec.initContainers[0]';
const w = (manifest: Record<string, unknown>) => (c: Parameters<BadInput['build']>[0]) => raw(c, 'w', manifest);
const PRIVILEGED = { 'security.homelab.dev/privileged': 'drives the host hardware directly' };
const secure = (extra: Record<string, unknown>) => ({
  allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' }, ...extra,
});
const initContainer = (securityContext: Record<string, unknown>) => ({
  ...goodContainer({ securityContext }), name: 'init', ports: undefined, readinessProbe: undefined, command: ['true'],
});

export const CASES: BadInput[] = [
  // A privileged container holds every privilege; the API server refuses one that may not escalate. Without
  // its exemption the missing exemption is the one error; with it, the escalation is.
  {
    name: 'privileged container that may not escalate privileges',
    build: w(goodDeployment('web', { containers: [goodContainer({ securityContext: secure({ privileged: true }) })] }, {}, PRIVILEGED)),
    layer: 'schema', path: 'w', field: `${P}.securityContext.allowPrivilegeEscalation`, hint: /allowPrivilegeEscalation/,
  },
  {
    name: 'privileged init container that may not escalate privileges',
    build: w(goodDeployment('web', { containers: [goodContainer()], initContainers: [initContainer(secure({ privileged: true }))] }, {}, PRIVILEGED)),
    layer: 'schema', path: 'w', field: `${INIT}.securityContext.allowPrivilegeEscalation`,
  },
  // A capability the runtime does not know is skipped without an error, and Pod Security judges the typo.
  {
    name: 'misspelt capability in an app exemption',
    build: guarded(labApp('wg', { exemptions: { runAsRoot: 's6', addCapabilities: { capabilities: ['NET_ADMINN'], reason: 'wg0' } } })),
    layer: 'props', path: 'wg', field: 'exemptions.addCapabilities.capabilities[0]', hint: /NET_ADMIN\?/,
  },
  {
    name: 'misspelt capability in a sidecar exemption',
    build: guarded(labApp('torrent', {
      sidecars: [{ name: 'vpn', image: 'qmcgaw/gluetun:v3.39.1', exemptions: { runAsRoot: 'vpn', addCapabilities: { capabilities: ['NET_ADMN'], reason: 'tun' } } }],
    })),
    layer: 'props', path: 'torrent', field: 'sidecars[0].exemptions.addCapabilities.capabilities[0]', hint: /NET_ADMIN\?/,
  },
  {
    name: 'capability that is no Linux capability in a raw drop list',
    build: w(podWithContainer({ securityContext: secure({ capabilities: { drop: ['ALL', 'NET_RAWW'] } }) })),
    layer: 'schema', path: 'w', field: `${P}.securityContext.capabilities.drop[1]`, hint: /NET_RAW\?/,
  },
  {
    name: 'capability with CAP_ and a typo',
    build: w(podWithContainer({ securityContext: secure({ capabilities: { drop: ['ALL'], add: ['CAP_SYS_TIMEE'] } }) })),
    layer: 'schema', path: 'w', field: `${P}.securityContext.capabilities.add[0]`, hint: /SYS_TIME\?/,
  },
  // The kubelet checks a hostPath's type before mounting: a folder of devices is no character device.
  {
    name: 'folder of devices written as a character device',
    build: guarded(labApp('frigate', {
      exemptions: { runAsRoot: 'frigate', privileged: 'Coral USB', hostPath: 'USB bus' },
      devices: [{ type: 'hostDevice', path: '/dev/bus/usb', hostPathType: 'CharDevice' } as AppDevice],
    })),
    layer: 'props', path: 'frigate', field: 'devices[0].hostPathType', hint: /hostDevice\('\/dev\/bus\/usb'\)/,
  },
  // A sysctl outside the Pod Security Standards' safe ones needs the privileged level.
  {
    name: 'App sysctl that is not safe, without the privileged exemption',
    build: labApp('wireguard', { exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'wg0' } }, sysctls: { 'net.ipv4.ip_forward': '1' } }),
    layer: 'policy', path: 'wireguard', field: 'sysctls.net.ipv4.ip_forward', hint: /privileged/,
  },
];

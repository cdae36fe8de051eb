import {
  acmeIssuer, AppVolume, ClusterChart, ClusterIssuer, gatewayApi, host, http01Ingress, LETSENCRYPT_STAGING, MediaContainers, SealedSecret, SecretReference, talos,
} from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, labApp, labCluster, raw } from './lab';

// LimitRanges, StorageClass parameters, the names of Endpoints and EndpointSlice
// endpoints, Events, RuntimeClass tolerations and pod tolerations that the API server refuses by its own Go
// validation (pkg/apis/core/validation, pkg/apis/discovery/validation, pkg/apis/node/validation) although
// their OpenAPI schema allows them: reported on the field the user wrote.

/** Adds `manifest` as `w`, beside the good Deployment `web` it may select. */
const w = (manifest: Record<string, unknown>) => (c: ClusterChart): void => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};
const limits = (...items: Array<Record<string, unknown>>) => w({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'web', namespace: 'web' }, spec: { limits: items } });
const storageClass = (parameters: Record<string, string>) => w({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path', parameters });
const endpoints = (address: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'nas', namespace: 'web' },
  subsets: [{ addresses: [{ ip: '192.168.1.20', ...address }], ports: [{ name: 'nfs', port: 2049 }] }],
});
const slice = (addressType: string, endpoint: Record<string, unknown>) => w({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
  addressType, endpoints: [endpoint], ports: [{ name: 'nfs', port: 2049, protocol: 'TCP' }],
});
const runtimeClass = (tolerations: Array<Record<string, unknown>>) => w({
  apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', scheduling: { tolerations },
});
const EVENT_TIME = '2026-01-01T00:00:00.000000Z';
const event = (fields: Record<string, unknown>) => w({
  apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.deployed', namespace: 'web' }, eventTime: EVENT_TIME,
  reportingController: 'lab.example.com/deployer', reportingInstance: 'deployer-1', action: 'Deploy', reason: 'Deployed', type: 'Normal',
  regarding: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web' }, ...fields,
});
const coreEvent = (fields: Record<string, unknown>) => w({
  apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.deployed', namespace: 'web' }, reason: 'Deployed', message: 'rolled out',
  involvedObject: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web' }, ...fields,
});

/** A cluster `edge` on Talos with `options`; the finding is expected on `field`. */
const talosCase = (name: string, options: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [talos({ bringYourOwnCni: false, ...options })] })),
  layer: 'props', path: 'edge', field, hint,
});

/** A cluster `edge` of the lab's hosts writing its records into AdGuard Home, reached as `adguard` says. */
const adguardCase = (name: string, adguard: Record<string, unknown>, layer: BadInput['layer'], field: string, hint?: RegExp): BadInput => ({
  name, layer, path: 'edge', field, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', {
    dns: {
      publicTarget: host('ap6-vps', { arch: 'amd64', address: '10.7.2.1', publicAddress: '203.0.113.7' }),
      adguard: {
        url: 'http://adguard-home.adguard-home.svc:3000', username: SecretReference.external('external-dns', 'adguard', 'username'),
        password: SecretReference.external('external-dns', 'adguard', 'password'), ...adguard,
      } as any,
    },
  })),
});

/** A case of the hand-written object `w`, reported by the schema layer. */
const at = (name: string, build: (c: ClusterChart) => void, field: string, hint?: RegExp): BadInput => ({ name, build, layer: 'schema', path: 'w', field, hint });

export const CASES: BadInput[] = [
  // LimitRange (ValidateLimitRange) and StorageClass parameters (validateParameters).
  at('a LimitRange with two Container items', limits({ type: 'Container', max: { cpu: '2' } }, { type: 'Container', max: { memory: '4Gi' } }), 'spec.limits[1].type', /merge/),
  at('a StorageClass of more than 512 parameters', storageClass(Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`p${i}`, 'x']))), 'parameters'),
  at('a StorageClass whose parameters hold more than 256 KiB', storageClass({ script: 'x'.repeat(256 * 1024) }), 'parameters', /provisioner/),
  // Endpoints and EndpointSlices (ValidateEndpoints, ValidateEndpointSlice).
  at('an Endpoints address whose hostname has a dot', endpoints({ hostname: 'nas.lab' }), 'subsets[0].addresses[0].hostname'),
  at('an Endpoints address whose node name has capitals', endpoints({ nodeName: 'NAS' }), 'subsets[0].addresses[0].nodeName'),
  at('an EndpointSlice endpoint whose hostname is in capitals', slice('IPv4', { addresses: ['192.168.1.20'], hostname: 'NAS' }), 'endpoints[0].hostname'),
  at('an FQDN EndpointSlice address of one label', slice('FQDN', { addresses: ['nas'] }), 'endpoints[0].addresses[0]', /nas\.lab\.example/),
  at('an FQDN EndpointSlice address in capitals', slice('FQDN', { addresses: ['NAS.lab.example'] }), 'endpoints[0].addresses[0]'),
  // RuntimeClass tolerations (ValidateRuntimeClass: the pod's toleration rules, each toleration once).
  at('a RuntimeClass toleration Exists with a value', runtimeClass([{ key: 'sandbox', operator: 'Exists', value: 'true' }]), 'scheduling.tolerations[0].value'),
  at('a RuntimeClass toleration without a key that is no Exists', runtimeClass([{ value: 'true' }]), 'scheduling.tolerations[0].operator'),
  at('a RuntimeClass toleration key with a space', runtimeClass([{ key: 'sandbox only', operator: 'Exists' }]), 'scheduling.tolerations[0].key'),
  at('a pod toleration value with a slash', w(goodDeployment('api', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'media/transcode', effect: 'NoSchedule' }] })), 'spec.template.spec.tolerations[0].value', /label value/),
  // Events (ValidateEventCreate).
  at('an events.k8s.io Event without its reporting controller', event({ reportingController: undefined }), 'reportingController'),
  at('an events.k8s.io Event whose reporting controller has a space', event({ reportingController: 'my deployer' }), 'reportingController'),
  at('an events.k8s.io Event without its action', event({ action: '' }), 'action'),
  at('an events.k8s.io Event of type Info', event({ type: 'Info' }), 'type', /Normal/),
  at('an events.k8s.io Event with a deprecated count', event({ deprecatedCount: 3 }), 'deprecatedCount', /series/),
  at('an events.k8s.io Event series of one', event({ series: { count: 1, lastObservedTime: EVENT_TIME } }), 'series.count'),
  at('an events.k8s.io Event regarding a cluster object from its namespace', event({ regarding: { apiVersion: 'v1', kind: 'Node', name: 'nuc' } }), 'regarding.namespace'),
  at('a core Event regarding an object of another namespace', coreEvent({ involvedObject: { kind: 'Deployment', name: 'web', namespace: 'media' } }), 'involvedObject.namespace'),
  at('a core Event with an eventTime and no reporting component', coreEvent({ eventTime: EVENT_TIME, reportingInstance: 'x', action: 'Deploy' }), 'reportingComponent'),
  at('a RuntimeClass toleration listed twice', runtimeClass([{ key: 'sandbox', operator: 'Exists' }, { key: 'sandbox', operator: 'Exists' }]), 'scheduling.tolerations[1]'),
  // Platform props whose mistake the API server would report as several.
  {
    name: 'gatewayApi with an empty gatewayClassName', build: guarded((_c, root) => labCluster(root, 'edge', { routes: gatewayApi({ gatewayClassName: '' }) })),
    layer: 'props', path: 'edge', field: 'routes.gatewayClassName',
  },
  // talos() lists given empty or with a server twice.
  talosCase('Talos provisioningSteps given as an empty list', { provisioningSteps: [] }, 'preinstalled[0].provisioningSteps', /leave provisioningSteps out/),
  talosCase('Talos nameservers with one server twice', { nameservers: ['192.168.1.1', '1.1.1.1', '192.168.1.1'] }, 'preinstalled[0].nameservers[2]', /once/),
  talosCase('Talos nameservers given as an empty list', { nameservers: [] }, 'preinstalled[0].nameservers'),
  // A relative host path, which the API server takes, refused where an App is given it.
  {
    name: 'addVolume of a relative host path', build: guarded((c: ClusterChart) => labApp('web', { exemptions: { hostPath: 'media disk' } })(c).addVolume('media', AppVolume.hostPath('srv/media'), { mountPath: '/media' })),
    layer: 'props', path: 'web', field: 'addVolume(media).volume', hint: /hostPath\('\/srv\/media'\)/,
  },
  {
    name: 'media settings with a relative config folder',
    build: guarded((c: ClusterChart) => new MediaContainers(c, 'media', {
      settings: { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: 'srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
      containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', listenPort: 8989 } },
    })),
    layer: 'props', path: 'media', field: 'settings.configDir', hint: /'\/srv\/config'/,
  },
  // Platform options, reported on the construct and prop the user wrote rather than on the object rendered from them.
  {
    name: 'a ClusterIssuer HTTP-01 solver of an IngressClass the cluster lacks',
    build: (c: ClusterChart) => new ClusterIssuer(c, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_STAGING, email: 'ops@lab.example.com', solvers: [http01Ingress('nginx')] }) }),
    layer: 'references', path: 'le', field: 'issuer.solvers[0]', hint: /ingressClasses/,
  },
  adguardCase('an AdGuard Home url without its scheme but with its port', { url: 'adguard-home.adguard-home.svc:3000' }, 'props', 'dns.adguard.url', /'http:\/\/adguard-home\.adguard-home\.svc:3000'/),
  adguardCase('an AdGuard Home user name given as text', { username: 'admin' }, 'props', 'dns.adguard.username', /SecretReference/),
  adguardCase("an AdGuard Home password Secret outside external-dns's namespace", { password: SecretReference.external('adguard-home', 'adguard', 'password') }, 'references', 'dns.adguard.password'),
  // An image pull Secret sealed without its registry configuration, refused on the construct's prop.
  {
    name: 'a SealedSecret image pull Secret whose key is not .dockerconfigjson',
    build: guarded((c: ClusterChart) => new SealedSecret(c, 'registry', { namespace: 'web', type: 'kubernetes.io/dockerconfigjson', encryptedData: { config: `Ag${'B'.repeat(720)}==` } })),
    layer: 'props', path: 'registry', field: 'encryptedData', hint: /kubectl create secret docker-registry/,
  },
];

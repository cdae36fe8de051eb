import { AppVolume, ClusterChart, declareControllerMade, flux, HomeAssistantVm, Ollama, SecretReference, traefik } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Mistakes reported on the prop the user wrote rather than on the object rendered from it.

/** An App `api` in namespace `web` with `props`; a rejected App is reported, not thrown. */
const app = (props: Record<string, unknown>) => guarded(labApp('api', { namespace: 'web', ...props }));
/** An App `api` in namespace `web` mounting an emptyDir for each of `mounts` (volume name → mount path). */
const mounting = (mounts: Record<string, string>) => app({
  persistence: Object.fromEntries(Object.entries(mounts).map(([name, mountPath]) => [name, { volume: AppVolume.emptyDir(), mountPath }])),
});
/** Home Assistant's VM on the IoT bridge of a site that has one, with `nameservers`. */
const homeAssistant = (nameservers: unknown[]) => guarded((_c: ClusterChart, app: any) => new HomeAssistantVm(
  new ClusterChart(app, 'vm-site', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() }),
  'home-assistant', { disk: n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, nameservers } as any,
));

export const CASES: BadInput[] = [
  // What the policy refuses in a pod, on the App's prop.
  { name: 'a secret written out in an App env', build: app({ env: { DB_PASSWORD: 'hunter2hunter2' } }), layer: 'props', path: 'api', field: 'env.DB_PASSWORD', hint: /SecretReference/ },
  { name: 'a sidecar env with a URL password written out', build: app({ sidecars: [{ name: 'sync', image: 'busybox:1.36', env: { REMOTE: 'https://me:s3cretpass@example.com/x' } }] }), layer: 'props', path: 'api', field: 'sidecars[0].env.REMOTE' },
  { name: 'an App image on the latest tag', build: app({ image: 'ghcr.io/x/api:latest' }), layer: 'props', path: 'api', field: 'image', hint: /floatingImage/ },
  { name: 'an App image without a tag', build: app({ image: 'ghcr.io/x/api' }), layer: 'props', path: 'api', field: 'image', hint: /pin a version tag/ },
  // Mount paths of persistence.
  { name: 'a relative mountPath of an App volume', build: mounting({ data: 'data' }), layer: 'props', path: 'api', field: 'persistence.data.mountPath', hint: /start it with \/, e\.g\. \/data/ },
  { name: 'a mountPath that steps up with ..', build: mounting({ data: '/data/../etc' }), layer: 'props', path: 'api', field: 'persistence.data.mountPath', hint: /\/etc/ },
  { name: 'two App volumes on one mountPath', build: mounting({ data: '/data', cache: '/data/' }), layer: 'props', path: 'api', field: 'persistence.cache.mountPath', hint: /mount each path once/ },
  // CPU written as millicores without their unit.
  { name: 'cpuRequest 500 without a unit', build: app({ resources: { cpuRequest: '500' } }), layer: 'props', path: 'api', field: 'resources.cpuRequest', hint: /'500m'/ },
  { name: 'cpuLimit 2000 without a unit', build: app({ resources: { cpuLimit: '2000' } }), layer: 'props', path: 'api', field: 'resources.cpuLimit', hint: /'2000m'/ },
  // One mistake, one finding, on the variable.
  { name: 'an external SecretReference without a key', build: app({ env: { DB_PASSWORD: (SecretReference as any).external('web', 'db') } }), layer: 'props', path: 'api', field: 'env.DB_PASSWORD', hint: /SecretReference\.external\('web', 'db', '<key>'\)/ },
  // A construct's own props.
  { name: 'Ollama cpuRequest above its cpuLimit', build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', cpuRequest: '4', cpuLimit: '2' })), layer: 'props', path: 'ollama', field: 'cpuRequest' },
  { name: 'declareControllerMade with a bad Secret name', build: (c) => declareControllerMade(c, { secrets: [{ namespace: 'web', name: 'Bad_Name' }] }), layer: 'props', path: 'main', field: 'declareControllerMade.secrets[0].name' },
  { name: 'a Home Assistant VM nameserver that is a host name', build: homeAssistant(['dns.google']), layer: 'props', path: 'home-assistant', field: 'nameservers[0]', hint: /IPv4 or IPv6 address/ },
  { name: 'a Home Assistant VM nameserver with a typo', build: homeAssistant(['192.168.64.1', '1.1.1']), layer: 'props', path: 'home-assistant', field: 'nameservers[1]' },
];

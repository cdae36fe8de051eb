import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Whole objects written in another tool's form (an app-template persistence item, compose's long port
// syntax, app-template's map of ports): one error on the object, whose hint writes it the library's way;
// and compose's keys that listed every App prop but the one meant.

const app = (name: string, props: Record<string, unknown>, field: string, hint: RegExp): BadInput =>
  ({ name, build: guarded(labApp('web', props)), layer: 'props', path: 'web', field, hint });

/** app-template's persistence item for a claim mounted at /config. */
export const TEMPLATE_CLAIM = { enabled: true, type: 'persistentVolumeClaim', size: '1Gi', accessMode: 'ReadWriteOnce', globalMounts: [{ path: '/config' }] };
/** app-template's persistence item for a claim that exists already. */
export const TEMPLATE_EXISTING = { enabled: true, existingClaim: 'media', globalMounts: [{ path: '/media', readOnly: true }] };
/** compose's long port syntax, published on the host. */
export const COMPOSE_LONG_PORT = { target: 80, published: 8080, protocol: 'tcp', mode: 'host' };

export const CASES: BadInput[] = [
  // Six errors, one per key and the missing volume, none of which said what the entry is here.
  app("app-template's persistence item", { persistence: { config: TEMPLATE_CLAIM } }, 'persistence.config',
    /persistence: \{ config: \{ volume: AppVolume\.claim\(\{ tier: '<tier>', size: '1Gi' \}\), mountPath: '\/config' \} \}/),
  app("app-template's persistence item on an existing claim", { persistence: { media: TEMPLATE_EXISTING } }, 'persistence.media',
    /volume: AppVolume\.existingClaim\('media'\), mountPath: '\/media', readOnly: true/),
  app("app-template's emptyDir in memory", { persistence: { cache: { type: 'emptyDir', medium: 'Memory' } } }, 'persistence.cache',
    /AppVolume\.emptyDir\(\{ memory: true \}\), mountPath: '\/cache'/),
  // Five errors: target, published and mode unknown, protocol in lower case, name and port missing.
  app("compose's long port syntax", { ports: [COMPOSE_LONG_PORT] }, 'ports[0]', /\{ name: 'http', port: 80 \}.*loadBalancer.*servicePort: 8080.*hostNetwork/),
  app("compose's long port syntax on a sidecar", { sidecars: [{ name: 'dns', image: 'coredns/coredns:1.11.3', ports: [{ target: 53, protocol: 'udp' }] }] },
    'sidecars[0].ports[0]', /\{ name: 'dns', port: 53, protocol: 'UDP' \}/),
  // "not a list" with an empty list for a hint, and a missing name for the entry's key.
  app("app-template's ports as a map", { ports: { http: { port: 8080 } } }, 'ports', /ports: \[\{ name: 'http', port: 8080 \}\]/),
  app("app-template's ports as a map with a service port", { ports: { http: { port: 80, targetPort: 8080 } } }, 'ports', /\{ name: 'http', port: 8080, servicePort: 80 \}/),
  // The hint wrote the last dotted part of the key: ip_forward: '1', io/part-of: '2'.
  app('a sysctl given a number', { sysctls: { 'net.ipv4.ip_forward': 1 } }, 'sysctls.net.ipv4.ip_forward', /'net\.ipv4\.ip_forward': '1'/),
  app('a label given a number', { labels: { 'app.kubernetes.io/part-of': 2 } }, 'labels.app.kubernetes.io/part-of', /'app\.kubernetes\.io\/part-of': '2'/),
  // Compose's keys that listed every App prop.
  app("compose's working_dir", { working_dir: '/app' }, 'working_dir', /JsonPatch\.add\('\/spec\/template\/spec\/containers\/0\/workingDir', '\/app'\)/),
  app("compose's working_dir on a sidecar", { sidecars: [{ name: 'worker', image: 'busybox:1.36.1', working_dir: '/app' }] }, 'sidecars[0].working_dir', /cd \/app/),
  app("compose's dns", { dns: ['1.1.1.1'] }, 'dns', /not supported.*cluster's DNS/),
  app("compose's ulimits", { ulimits: { nofile: 65535 } }, 'ulimits', /not supported/),
  app("compose's logging", { logging: { driver: 'json-file' } }, 'logging', /not supported/),
  app("compose's stop_grace_period", { stop_grace_period: '1m' }, 'stop_grace_period', /terminationGracePeriodSeconds/),
  app("compose's configs", { configs: ['nginx.conf'] }, 'configs', /AppVolume\.configMap/),
];

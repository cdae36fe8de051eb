import { MediaContainers, ServiceRoute } from '../../constructs';
import type { ClusterChart, MediaContainer } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Values as a docker-compose file (or a chart's values) writes them, pasted into the library's props:
// each once rendered something else than the user meant, without a word.

const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Berlin', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };
/** MediaContainers with one container `app`, changed by `container`. */
const media = (container: Record<string, unknown>) => guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', {
  settings, containers: { app: { image: 'ghcr.io/acme/app:1.2.3', listenPort: 8080, ...container } as MediaContainer },
}));

export const CASES: BadInput[] = [
  // compose's `FOO:` reads FOO from the shell; it rendered the text "null".
  { name: 'media container env value null', build: media({ environment: { FOO: null } }), layer: 'props', path: 'media', field: 'containers.app.environment.FOO', hint: /shell/ },
  { name: 'media container env value an object', build: media({ environment: { OBJ: { value: 'x' } } }), layer: 'props', path: 'media', field: 'containers.app.environment.OBJ' },
  // compose's health-check and deploy.resources keys were dropped: the props were not checked below these two.
  { name: 'media container health check with compose test', build: media({ healthCheck: { test: ['CMD', 'curl', '-f', 'http://localhost'], interval: '30s' } }), layer: 'props', path: 'media', field: 'containers.app.healthCheck.test', hint: /command/ },
  { name: 'media container health check with compose start_period', build: media({ healthCheck: { command: ['true'], start_period: '30s' } }), layer: 'props', path: 'media', field: 'containers.app.healthCheck.start_period', hint: /five minutes/ },
  { name: 'media container health check key misspelt', build: media({ healthCheck: { command: ['true'], retry: 3 } }), layer: 'props', path: 'media', field: 'containers.app.healthCheck.retry', hint: /retries/ },
  { name: 'media container resources with compose cpus', build: media({ resources: { limits: { cpus: '0.5', memory: '512Mi' } } }), layer: 'props', path: 'media', field: 'containers.app.resources.limits.cpus', hint: /500m/ },
  { name: 'media container resources with compose reservations', build: media({ resources: { reservations: { memory: '256Mi' } } }), layer: 'props', path: 'media', field: 'containers.app.resources.reservations', hint: /requests/ },
  { name: 'media container resources in the App shape', build: media({ resources: { memoryLimit: '1Gi' } }), layer: 'props', path: 'media', field: 'containers.app.resources.memoryLimit', hint: /limits: \{ memory/ },
  // A glob or regex path was matched as text: `/api/users` fell through to the next rule.
  { name: 'route rule path as a glob', build: guarded(labApp('web', { route: { host: 'web', rules: [{ path: '/api/*' }, { path: '/' }] } })), layer: 'props', path: 'web', field: 'route.rules[0].path', hint: /write the prefix itself: \/api \(/ },
  { name: 'route rule path as a glob under Gateway API', gatewayCluster: true, build: guarded(labApp('web', { route: { host: 'web', rules: [{ path: '/api/*' }] } })), layer: 'props', path: 'web', field: 'route.rules[0].path' },
  { name: 'route path as an ingress-nginx regex', build: guarded(labApp('web', { route: { host: 'web', path: '/api(/|$)(.*)' } })), layer: 'props', path: 'web', field: 'route.path', hint: /\/api \(/ },
  { name: 'route rule path as an nginx location regex', build: guarded(labApp('web', { route: { host: 'web', rules: [{ path: '~ ^/api' }] } })), layer: 'props', path: 'web', field: 'route.rules[0].path', hint: /\/api \(/ },
  { name: 'route rule path as a regex any-suffix', build: guarded(labApp('web', { route: { host: 'web', rules: [{ path: '/api/.*' }] } })), layer: 'props', path: 'web', field: 'route.rules[0].path', hint: /\/api \(/ },
  { name: 'ServiceRoute path as a glob', build: guarded((cluster: ClusterChart) => new ServiceRoute(cluster, 'dashboard', { host: 'dash', namespace: 'web', serviceName: 'dash', port: 80, path: '/dash/*' })), layer: 'props', path: 'dashboard', field: 'path' },
];

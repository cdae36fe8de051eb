import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Habits carried over from other tools, and mistakes reported where the user wrote them.

/** An App `kuma` routed at `status` whose one rule sets `headers`. */
const settingHeaders = (headers: Record<string, string>) => guarded(labApp('kuma', { route: { host: 'status', rules: [{ path: '/', requestHeaders: { set: headers } }] } }));

/** An App `api` in namespace `web` with `props`; a rejected App is reported, not thrown. */
const app = (props: Record<string, unknown>) => guarded(labApp('api', { namespace: 'web', ...props }));

export const CASES: BadInput[] = [
  // Kubernetes' requests and limits: one error on resources, whose hint writes the user's amounts flat.
  {
    name: "an App's resources in Kubernetes' requests/limits form",
    build: app({ resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } }),
    layer: 'props', path: 'api', field: 'resources', hint: /cpuRequest: '250m', memoryRequest: '256Mi', memoryLimit: '512Mi'/,
  },
  {
    name: "a sidecar's resources in Kubernetes' limits form",
    build: app({ sidecars: [{ name: 'sync', image: 'busybox:1.36', resources: { limits: { cpu: '1' } } }] }),
    layer: 'props', path: 'api', field: 'sidecars[0].resources', hint: /cpuLimit: '1'/,
  },
  // nginx's websocket lines, written as fixed text: sent on every request.
  {
    name: "a route setting nginx's literal Connection: upgrade and Upgrade: websocket",
    build: settingHeaders({ Connection: 'upgrade', Upgrade: 'websocket' }),
    layer: 'props', path: 'kuma', field: 'route.rules[0].requestHeaders.set.Connection', hint: /websockets need nothing/,
  },
  {
    name: 'a route setting Upgrade: websocket alone',
    build: settingHeaders({ Upgrade: 'websocket' }),
    layer: 'props', path: 'kuma', field: 'route.rules[0].requestHeaders.set.Upgrade', hint: /leave the Upgrade and Connection headers out/,
  },
];

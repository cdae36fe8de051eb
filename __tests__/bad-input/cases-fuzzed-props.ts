import { App, ClusterChart, Forgejo, Ollama, Osquery, WazuhAgent } from '../../constructs';
import type { BadInput } from './cases';
import { hostFact } from './cases-inventory-facts';
import { guarded } from './lab';

// Props given values of every wrong type, one prop at a time, where the library read past what it reported.

/** A service construct given `props` in place of its props object (JavaScript): one error on its props. */
const serviceGiven = (name: string, service: new (scope: any, id: string, props: any) => unknown, props: unknown): BadInput =>
  ({ name, build: guarded((cluster) => new service(cluster, 'svc', props)), layer: 'props', path: 'svc', field: 'props', hint: /pass the props object/ });

export const CASES: BadInput[] = [
  // The GPU that is none was reported, and the cluster's GPU checks then read its vendor: a TypeError on the storage.
  hostFact('GPU list holding null', { gpus: [null] }, 'gpus[0]'),
  hostFact('GPU list holding a number beside a GPU', { gpus: [{ vendor: 'nvidia' }, 7] }, 'gpus[1]'),
  // Each read its options from the props before checking them: a TypeError reported on the cluster.
  serviceGiven('Forgejo given null for its props', Forgejo, null),
  serviceGiven('Ollama given null for its props', Ollama, null),
  serviceGiven('Osquery given null for its props', Osquery, null),
  serviceGiven('WazuhAgent given null for its props', WazuhAgent, null),
  serviceGiven('WazuhAgent given no props at all', WazuhAgent, undefined),
];

/** A component written by hand (JavaScript, or JSON read from a file), with `props` over a good Helm one. */
const handWritten = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => cluster.platform.require({
  name: 'demo', namespace: 'demo', description: 'a demo chart', network: { noNetworkPolicy: 'a demo' }, resources: { chartDefault: 'a demo' },
  install: { type: 'helm', chart: { repository: 'https://charts.example.com', chart: 'demo', version: '1.2.3' }, values: {} },
  ...props,
} as never));
const DEMO_MANIFESTS = { type: 'manifests', repository: 'https://github.com/example/demo.git', tag: 'v1.0.0', path: 'deploy', files: ['install.yaml'] };

// Lists of a hand-written component that the platform reads long after: a wrong form failed on the construct that
// read it (the engine's objects, the runtime classes) instead of naming the key.
CASES.push(
  {
    name: 'a hand-written component whose host ports are one word', build: handWritten({ hostPorts: '9100' }),
    layer: 'props', path: 'platform', field: 'components.demo.hostPorts',
  },
  {
    name: 'a hand-written component whose host port is null', build: handWritten({ hostPorts: [null] }),
    layer: 'props', path: 'platform', field: 'components.demo.hostPorts[0]',
  },
  {
    name: 'a hand-written component whose placement is a list', build: handWritten({ placements: [{}] }),
    layer: 'props', path: 'platform', field: 'components.demo.placements',
  },
  {
    name: 'a hand-written Helm install whose rendered resources are text', build: handWritten({
      install: { type: 'helm', chart: { repository: 'https://charts.example.com', chart: 'demo', version: '1.2.3' }, values: {}, renderedResources: 'Widget' },
    }),
    layer: 'props', path: 'platform', field: 'components.demo.install.renderedResources',
  },
  {
    name: 'a hand-written manifests install whose container patches are one object', build: handWritten({ install: { ...DEMO_MANIFESTS, containerPatches: { kind: 'DaemonSet', name: 'demo' } } }),
    layer: 'props', path: 'platform', field: 'components.demo.install.containerPatches',
  },
  {
    name: 'a hand-written manifests install whose image pin lacks its tag', build: handWritten({ install: { ...DEMO_MANIFESTS, images: [{ name: 'ghcr.io/example/demo' }] } }),
    layer: 'props', path: 'platform', field: 'components.demo.install.images[0].newTag', hint: /newTag: 'v1\.2\.3'/,
  },
);

// The rules' repeated-match check read the name of a header that had none: a TypeError on the app.
CASES.push({
  name: 'a route rule matching a header written without its name', build: guarded((cluster: ClusterChart) => new App(cluster, 'web', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], route: { host: 'web', rules: [{ headers: [{ value: 'beta' }] }] },
  } as never)),
  layer: 'props', path: 'web', field: /^route\.rules\[0\]\.headers\[0\]\.name$/,
});

import type { BadInput } from './cases';
import { CONTAINER, goodDeployment, guarded, labApp, podWithContainer, raw } from './lab';

// Keys, env names and image references the API server or the container runtime refuses.
const P = CONTAINER;
const configMap = (metadata: Record<string, unknown>) => (c: Parameters<BadInput['build']>[0]) =>
  raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'web', ...metadata }, data: { a: 'b' } });
const w = (manifest: Record<string, unknown>) => (c: Parameters<BadInput['build']>[0]) => raw(c, 'w', manifest);
// An App's image is checked on its prop.
const image = (value: string): BadInput => ({ name: `image reference ${JSON.stringify(value)}`, build: guarded(labApp('web', { image: value })), layer: 'props', path: 'web', field: 'image' });

export const CASES: BadInput[] = [
  { name: 'label key with a space', build: configMap({ labels: { 'team name': 'media' } }), layer: 'schema', path: 'cm', field: 'metadata.labels.team name' },
  { name: 'label key with an upper-case prefix', build: configMap({ labels: { 'Example.com/team': 'media' } }), layer: 'schema', path: 'cm', field: 'metadata.labels.Example.com/team' },
  { name: 'label key with two slashes', build: configMap({ labels: { 'a/b/c': 'x' } }), layer: 'schema', path: 'cm', field: 'metadata.labels.a/b/c' },
  { name: 'label key ending in a dash', build: configMap({ labels: { 'team-': 'x' } }), layer: 'schema', path: 'cm', field: 'metadata.labels.team-' },
  { name: 'label key name over 63 characters', build: configMap({ labels: { [`k${'x'.repeat(63)}`]: 'x' } }), layer: 'schema', path: 'cm', field: `metadata.labels.k${'x'.repeat(63)}` },
  { name: 'label key with an empty prefix', build: configMap({ labels: { '/team': 'x' } }), layer: 'schema', path: 'cm', field: 'metadata.labels./team' },
  { name: 'annotation key with a space', build: configMap({ annotations: { 'my note': 'x' } }), layer: 'schema', path: 'cm', field: 'metadata.annotations.my note' },
  { name: 'annotation key with an underscore in its prefix', build: configMap({ annotations: { 'my_org.io/note': 'x' } }), layer: 'schema', path: 'cm', field: 'metadata.annotations.my_org.io/note' },
  { name: 'annotation key that is empty', build: configMap({ annotations: { '': 'x' } }), layer: 'schema', path: 'cm', field: 'metadata.annotations.' },
  { name: 'App label key with a colon', build: guarded(labApp('web', { labels: { 'team:name': 'media' } })), layer: 'props', path: 'web', field: 'labels.team:name' },
  { name: 'pod template label value with a slash', build: w(goodDeployment('web', {}, { template: { metadata: { labels: { app: 'web', tier: 'front/end' } }, spec: (goodDeployment().spec as any).template.spec } })), layer: 'schema', path: 'w', field: 'spec.template.metadata.labels.tier' },
  { name: 'pod template annotation key with a space', build: w(goodDeployment('web', {}, {}, { 'backup policy': 'daily' })), layer: 'schema', path: 'w', field: 'spec.template.metadata.annotations.backup policy' },
  { name: 'env name starting with a digit', build: w(podWithContainer({ env: [{ name: '1PASSWORD_HOST', value: 'x' }] })), layer: 'schema', path: 'w', field: `${P}.env[0].name` },
  { name: 'env name with a slash', build: w(podWithContainer({ env: [{ name: 'LOG/LEVEL', value: 'info' }] })), layer: 'schema', path: 'w', field: `${P}.env[0].name` },
  { name: 'env name with a space', build: w(podWithContainer({ env: [{ name: 'LOG LEVEL', value: 'info' }] })), layer: 'schema', path: 'w', field: `${P}.env[0].name` },
  { name: 'App pull policy in lower case', build: guarded(labApp('web', { imagePullPolicy: 'always' })), layer: 'props', path: 'web', field: 'imagePullPolicy' },
  // The app reports a name the API server refuses on its prop, where the user wrote it
  { name: 'App env name with a colon', build: guarded(labApp('web', { env: { 'log:level': 'info' } })), layer: 'props', path: 'web', field: 'env.log:level' },
  { name: 'App env name with an equals sign', build: guarded(labApp('web', { env: { 'TZ=Europe/Berlin': 'x' } })), layer: 'props', path: 'web', field: 'env.TZ=Europe/Berlin' },
  image('Nginx:1.27.0'),
  image('nginx :1.27.0'),
  image('nginxinc/nginx-unprivileged:1.27.0:alpine'),
  image('nginx@sha256:abc123'),
  image(`nginx:${'1'.repeat(129)}`),
  image('ghcr.io/Home/App:1.0.0'),
  image('registry.lab.test/-web:1.0'),
  image('nginx:-1.27'),
  image('https://ghcr.io/home/web:1.0'),
  image('ghcr.io//home/web:1.0'),
  { name: 'init container image with upper case', build: w(podWithContainer({}, { initContainers: [{ name: 'init', image: 'Busybox:1.36', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } }, securityContext: (podWithContainer({}) as any).spec.template.spec.containers[0].securityContext }] })), layer: 'schema', path: 'w', field: 'spec.template.spec.initContainers[0].image' },
];

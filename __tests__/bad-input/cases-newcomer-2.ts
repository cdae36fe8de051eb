import { AppVolume } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

/** A first evening's lab from the README: typos, and Kubernetes' own spellings carried into an app's props. */
export const CASES: BadInput[] = [
  {
    name: 'image written with two letters swapped', build: guarded(labApp('vaultwarden', { image: undefined, imgae: 'vaultwarden/server:1.32.0' })),
    layer: 'props', path: 'vaultwarden', field: 'imgae', hint: /did you mean "image"/,
  },
  {
    name: 'port of a port written with two letters swapped', build: guarded(labApp('kuma', { ports: [{ name: 'http', prot: 3001 }] })),
    layer: 'props', path: 'kuma', field: 'ports[0].prot', hint: /did you mean "port"/,
  },
  {
    name: "a port written as a pod spec's containerPort", build: guarded(labApp('kuma', { ports: [{ name: 'http', containerPort: 3001 }] })),
    layer: 'props', path: 'kuma', field: 'ports[0].containerPort', hint: /write port/,
  },
  {
    name: "a sidecar's port written as containerPort",
    build: guarded(labApp('kuma', { sidecars: [{ name: 'exporter', image: 'prom/node-exporter:v1.8.2', ports: [{ name: 'metrics', containerPort: 9100 }] }] })),
    layer: 'props', path: 'kuma', field: 'sidecars[0].ports[0].containerPort', hint: /write port/,
  },
  {
    name: "resources written as Kubernetes' requests", build: guarded(labApp('minecraft', { resources: { requests: { cpu: '1', memory: '2Gi' } } })),
    layer: 'props', path: 'minecraft', field: 'resources', hint: /write resources: { cpuRequest: '1', memoryRequest: '2Gi' }/,
  },
  {
    name: "resources written as Kubernetes' limits", build: guarded(labApp('minecraft', { resources: { limits: { memory: '3Gi' } } })),
    layer: 'props', path: 'minecraft', field: 'resources', hint: /write resources: { memoryLimit: '3Gi' }/,
  },
  {
    name: 'a claim without its size',
    build: guarded(labApp('vaultwarden', { persistence: { data: { volume: AppVolume.claim({ tier: 'fast' } as never), mountPath: '/data' } } })),
    layer: 'props', path: 'vaultwarden', field: 'persistence.data.volume.claim.size', hint: /give size a number with a unit/,
  },
];

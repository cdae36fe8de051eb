import { App, ClusterChart, SopsSecret } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Props given values of every wrong kind, one prop at a time (a second round, over what the library has grown):
// each of these read past what it was given, and failed with a TypeError of the library's own code.

/** An App `web` whose one persistence entry `data` mounts `volume`, a volume written by hand (JavaScript, or JSON). */
const mounting = (volume: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }],
  persistence: { data: { volume, mountPath: '/data' } },
} as never));

/** A SOPS-encrypted Secret manifest `svc` whose `data` is `data`. */
const sopsWithData = (data: unknown) => guarded((cluster: ClusterChart) => new SopsSecret(cluster, 'svc', {
  manifest: {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'web' }, data,
    sops: { age: [{ recipient: 'age1x', enc: 'x' }], lastmodified: '2024-01-01T00:00:00Z', mac: 'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]', version: '3.8.1' },
  },
}));

export const CASES: BadInput[] = [
  // Before, rendering the pod read emptyDir.memory of nothing: "synthesizing this construct failed" on another construct.
  {
    name: 'an emptyDir volume written without its emptyDir', build: mounting({ type: 'emptyDir' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.emptyDir', hint: /AppVolume\.emptyDir\(\)/,
  },
  // Before, the claim's name was read of nothing: "building this construct failed".
  {
    name: 'a claim volume written without its claim', build: mounting({ type: 'claim' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.claim', hint: /AppVolume\.claim\(\{ tier: 'fast', size: '10Gi' \}\)/,
  },
  // Before, the NFS server was read of no export, on the runtime classes' construct.
  {
    name: 'an nfs volume written without its export', build: mounting({ type: 'nfs', path: '/export/media' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.export', hint: /AppVolume\.nfs\(site\.nfs\.<export>\)/,
  },
  // Before, a volume of no kind was dropped, and its mount reported as one of a volume the app does not have.
  {
    name: 'a volume of a type no volume has', build: mounting({ type: 'pvc', claimName: 'data' }),
    layer: 'props', path: 'web', field: 'persistence.data.volume.type', message: /type "pvc" is no kind of volume/,
  },
  // Before, the manifest was rendered as it was built and cdk8s refused the object: "building this construct failed".
  {
    name: 'a SOPS Secret whose data is a Map', build: sopsWithData(new Map([['password', 'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]']])),
    layer: 'policy', path: 'svc', field: 'manifest.data', hint: /plain number, string, boolean, list or map/,
  },
  {
    name: 'a SOPS Secret with a Date among its data', build: sopsWithData({ password: 'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]', rotated: new Date(0) }),
    layer: 'policy', path: 'svc', field: 'manifest.data.rotated', hint: /date\.toISOString\(\)/,
  },
];

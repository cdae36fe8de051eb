import { App as CdkApp, ApiObject } from 'cdk8s';
import * as homelab from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The Flux release flux bootstrap installs (flux({ version })): one release, written as the CLI takes it,
// that serves every API version the cluster's Flux objects are written in.

/** A cluster `edge` of the lab whose Flux is pinned to `version`; `build` adds to it. */
const pinned = (version: unknown, build: (cluster: ClusterChart) => void = () => undefined) => guarded((_c: ClusterChart, app: CdkApp) =>
  build(labCluster(app, 'edge', { gitops: homelab.flux({ version: version as homelab.FluxRelease }) })));
/** A case on the engine's version, whose hint must match `hint`. */
const onVersion = (name: string, version: unknown, hint: RegExp, build?: (cluster: ClusterChart) => void): BadInput =>
  ({ name, build: pinned(version, build), layer: 'props', path: 'edge', field: 'gitops.version', hint });
/** An OCIRepository written by hand, in the API version Flux serves it in from v2.6.0. */
const ociSource = (cluster: ClusterChart) => new ApiObject(cluster, 'oci-source', {
  apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', metadata: { name: 'podinfo', namespace: 'flux-system' },
  spec: { interval: '12h', url: 'oci://ghcr.io/stefanprodan/manifests/podinfo', ref: { tag: '6.7.1' } },
});

export const CASES: BadInput[] = [
  onVersion('Flux version as a minor release without its v', '2.9', /version: 'v2\.9\.0'/),
  onVersion('Flux version as a release without its v', '2.9.0', /version: 'v2\.9\.0'/),
  onVersion('Flux version as the latest channel', 'latest', /pin a release, e.g\. version: 'v2\.9\.0'/),
  onVersion('Flux version as a branch', 'main', /pin a release/),
  onVersion('Flux version as a number', 2.9, /as text with its v, e\.g\. version: 'v2\.9\.0'/),
  onVersion('Flux release older than the HelmRelease v2 API', 'v2.2.0', /pin Flux v2\.3\.0 or later/),
  onVersion('Flux release older than the OCIRepository v1 API', 'v2.5.1', /pin Flux v2\.6\.0 or later/, ociSource),
];

import * as yaml from 'js-yaml';
import { defineElitedesk } from '../charts/elitedesk';
import { synthInMemory } from './support/synth';

// The elitedesk design walked a third time from a bare cluster to running services, for what the earlier walks left.

const files = synthInMemory(defineElitedesk).files;
const documents = (file: string) => yaml.loadAll(files.get(`elitedesk/main/${file}`)!) as Array<Record<string, any>>;

describe("elitedesk: the NFS driver's controller runs no sidecar that fails for the cluster's whole life", () => {
  // csi-driver-nfs v4.11.0 adds a csi-snapshotter container to its controller unless controller.enableSnapshotter
  // is false; the release leaves out the VolumeSnapshot CRDs (externalSnapshotter.enabled: false), so that
  // sidecar fails to list VolumeSnapshotContents and VolumeSnapshotClasses for as long as it runs.
  const release = documents('platform/csi-driver-nfs.yaml').find((d) => d.kind === 'HelmRelease')!;

  test('the release installs neither the snapshot CRDs and controller nor the controller\'s csi-snapshotter sidecar', () => {
    expect(release.spec.values.externalSnapshotter).toEqual({ enabled: false });
    expect(release.spec.values.controller).toEqual({ enableSnapshotter: false });
  });
});

describe("elitedesk: the README says the design's stable entrypoint is a project Kubernetes retired", () => {
  // Kubernetes SIG Network and the Security Response Committee retired ingress-nginx in March 2026: no release, bug
  // fix or security fix since. The design keeps it as its entrypoint and plans the Gateway API, which Cilium serves here.
  const readme = files.get('elitedesk/main/README.md')!;
  const planned = readme.split('\n').find((line) => line.startsWith('- **Planned, not built.**'))!;

  test('the Gateway API bullet names the retirement and the flavor that moves the routes off ingress-nginx', () => {
    expect(planned).toContain('routes stay Ingresses of ingress-nginx, the design\'s stable entrypoint, though Kubernetes retired that project in March 2026 '
      + 'and it has had no release, bug fix or security fix since');
    expect(planned).toContain("moving the routes to the Gateway API (`gatewayApi({ gatewayClassName: 'cilium' })` as the cluster's `routes`)");
  });

  test('Cilium serves the Gateway API already: its values turn it on, with the CRDs it needs', () => {
    const release = documents('platform/cilium/release.yaml').find((d) => d.kind === 'HelmRelease')!;
    expect(release.spec.values.gatewayAPI.enabled).toBe(true);
    expect(documents('platform/gateway-api-crds.yaml').find((d) => d.kind === 'GitRepository')!.spec.ref).toEqual({ tag: 'v1.2.0' });
  });
});

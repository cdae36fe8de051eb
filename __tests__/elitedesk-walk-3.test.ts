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

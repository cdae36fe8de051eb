import { ApiObject } from 'cdk8s';
import { AppVolume, ClusterChart, HomelabApp, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { widgetSpecSchema } from './cases-apiserver-parity-19';
import { guarded, raw, refusedAtW } from './lab';

// The mistakes beside the forms the seventh round of correct labs found refused: a CRD pattern whose case-insensitive
// group RE2 reads is left open, and a camera password written out in go2rtc's config after a user given as a variable
// with its default.

const SPEC = 'spec.versions[0].schema.openAPIV3Schema.properties[spec]';

export const CASES: BadInput[] = [
  // Go's regexp takes (?i:…) as a case-insensitive group, but not one left open: the API server refuses the CRD.
  refusedAtW('a CRD pattern whose case-insensitive group is left open', (c) => {
    raw(c, 'w', widgetSpecSchema({ type: 'object', properties: { schedule: { type: 'string', pattern: '^@(?i:daily|weekly$' } } }));
  }, `${SPEC}.properties[schedule].pattern`, /RE2 syntax/),
  // The user is go2rtc's variable with its default; the password after it is the camera's own, committed in the clear.
  {
    name: "go2rtc's camera password written out after a user given as a variable",
    build: guarded((cluster: ClusterChart) => {
      cluster.namespaces.ensure('go2rtc');
      new ApiObject(cluster, 'go2rtc-config', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'go2rtc', namespace: 'go2rtc' },
        data: { 'go2rtc.yaml': 'streams:\n  door: rtsp://${CAM_USER:admin}:Door-Cam-2024@192.168.30.21:554/stream1\n' },
      });
      new HomelabApp(cluster, 'go2rtc', {
        image: 'alexxit/go2rtc:1.9.7', ports: [{ name: 'api', port: 1984 }],
        env: { CAM_USER: SecretReference.external('go2rtc', 'cameras', 'user') },
        persistence: { config: { volume: AppVolume.configMap('go2rtc'), mountPath: '/config' } },
      });
    }),
    layer: 'policy', path: 'go2rtc-config', field: 'data.go2rtc.yaml', message: /password written out/,
  },
];

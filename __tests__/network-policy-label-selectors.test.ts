import { ApiObject, App as CdkApp } from 'cdk8s';
import { HomelabApp, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';

// A NetworkPolicy written by hand with the labels a Helm chart gives (`app: sonarr`), where the App's pods
// carry `app.kubernetes.io/name`, selects none: an error on its podSelector (it governs nothing) and a warning
// on a peer that admits no one, each with the labels the pods carry.

function findingsOf(podSelector: Record<string, unknown>, peer: Record<string, unknown>) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  new HomelabApp(cluster, 'sonarr', {
    namespace: 'media', image: 'ghcr.io/home-operations/sonarr:4.0.14.2939', ports: [{ name: 'http', port: 8989 }],
    exemptions: { networkPolicy: 'its policy is written by hand' },
  });
  new ApiObject(cluster, 'np', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'sonarr', namespace: 'media' },
    spec: { podSelector, policyTypes: ['Ingress'], ingress: [{ from: [peer], ports: [{ port: 8989 }] }] },
  });
  return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath.endsWith('main/np'));
}

test("a policy and its peer written with a Helm chart's app label are named, each on its selector", () => {
  const findings = findingsOf({ matchLabels: { app: 'sonarr' } }, { podSelector: { matchLabels: { app: 'jellyseerr' } } });
  expect(findings.map((f) => [f.severity, f.field])).toEqual([['error', 'spec.podSelector'], ['warning', 'spec.ingress[0].from[0].podSelector']]);
  expect(findings.map((f) => f.hint)).toEqual([expect.stringMatching(/app\.kubernetes\.io\/name: sonarr\)/), expect.stringMatching(/app\.kubernetes\.io\/name: sonarr\)/)]);
});

test('a peer that selects no pod is named on a policy of the whole namespace too', () => {
  const findings = findingsOf({}, { podSelector: { matchLabels: { app: 'jellyseerr' } } });
  expect(findings.map((f) => [f.severity, f.field])).toEqual([['warning', 'spec.ingress[0].from[0].podSelector']]);
});

test("selectors of the pods' own labels, and a peer of other namespaces, pass", () => {
  const findings = findingsOf({ matchLabels: { 'app.kubernetes.io/name': 'sonarr' } }, { namespaceSelector: {}, podSelector: { matchLabels: { app: 'jellyseerr' } } });
  expect(findings).toEqual([]);
});

import { App as CdkApp } from 'cdk8s';
import { ClusterChart, Forgejo, traefik } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Props given values of every wrong type, one prop at a time: a value the construct reads as left out is
// read so by its checks too.

test('Forgejo given ssh: null, which it reads as no SSH settings, synthesizes with its default SSH', () => {
  const app = new CdkApp();
  // Before, the SSH check read the domain of null: a TypeError reported on the construct.
  guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { ssh: null } as any))(labCluster(app));
  const { findings, written } = synthFindings(app, prepopulatedOutdir());
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(written).toBe(true);
});

test('traefik(null) is traefik() with no options, as ingressNginx(null) is', () => {
  const app = new CdkApp();
  // Before, the Traefik routes read the address of null: "defining the lab failed before its first construct".
  labCluster(app, 'main', { routes: traefik(null as any) });
  const { findings, written } = synthFindings(app, prepopulatedOutdir());
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(written).toBe(true);
});

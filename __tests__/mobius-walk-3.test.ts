import { defineMobius } from '../charts/mobius';
import { componentPropsProblems } from '../constructs/platform/component-props-shape';
import { bashParses, rows as ownerSteps, stepsOf } from './support/readme';
import { readCluster } from './support/synth';

// The mobius site walked once more, into its second day: the owner changes what it sealed at the start.

const homelab = readCluster(defineMobius, 'mobius/homelab');
const steps = ownerSteps(homelab.readme);

describe("mobius: a new Grafana admin password sealed into monitoring/grafana-admin reaches Grafana's database by a step of its own", () => {
  // Grafana takes its admin from GF_SECURITY_ADMIN_USER and GF_SECURITY_ADMIN_PASSWORD only when it makes its
  // database (its sample.ini: "can be changed before first start of grafana, or in profile settings"); the
  // database is on a claim of the M1. Resealing the password alone changes nothing, even across restarts.
  const grafana = homelab.objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'kube-prometheus-stack')!.spec.values.grafana;
  const [what, command] = steps[stepsOf(steps)('Grafana takes its admin from keys admin-user and admin-password')];

  test('the step names the Secret and keys the chart reads, and says the claim keeps the database', () => {
    expect(grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(grafana.persistence.enabled).toBe(true);
    expect(what).toContain('of Secret monitoring/grafana-admin only when it makes its database, which it keeps on its claim: '
      + "a new password put into that Secret later leaves the admin's as it was");
  });

  test("the command sets the password the Secret holds in Grafana's own database, from standard input, never on a command line", () => {
    expect(command).toBe("kubectl -n monitoring get secret grafana-admin -o jsonpath='{.data.admin-password}' | base64 -d "
      + '| kubectl -n monitoring exec -i deploy/kube-prometheus-stack-grafana -c grafana -- grafana cli admin reset-admin-password --password-from-stdin');
    expect(bashParses(command)).toBe(true);
    // The Deployment the chart names after the release, whose Service the route fronts.
    expect(homelab.objects.find((o) => o.kind === 'IngressRoute' && o.metadata.name === 'grafana')!.spec.routes[0].services[0].name)
      .toBe('kube-prometheus-stack-grafana');
  });

  test('the secret key, which encrypts what Grafana stores, is to be kept', () => {
    expect(grafana.envValueFrom.GF_SECURITY_SECRET_KEY.secretKeyRef).toEqual({ name: 'grafana-admin', key: 'secret-key' });
    expect(what).toContain('Keep key secret-key as it is: Grafana encrypts the secrets of its data sources and contact points with it, and a new key leaves them unreadable');
  });

  test('the step is asked for by the monitoring stack, and listed among the steps of the running cluster', () => {
    const row = homelab.readme.split('\n').find((l) => l.includes('Grafana takes its admin from keys'))!;
    expect(row.endsWith('| mobius/homelab/platform/installs/kube-prometheus-stack |')).toBe(true);
    expect(stepsOf(steps)('Grafana takes its admin from keys')).toBeGreaterThan(stepsOf(steps)('flux bootstrap github'));
  });
});

describe("a component's steps by hand written wrong", () => {
  test('a list that is not one is refused on ownerSteps', () => {
    const problems = componentPropsProblems({ name: 'demo', namespace: 'demo', description: 'a demo', install: { type: 'manifests', url: 'https://example.com/demo.yaml' }, ownerSteps: 'restart it' } as never);
    expect(problems.map((p) => p.field)).toContain('ownerSteps');
  });
});

describe('mobius: a rotated token reaches what reads it into its environment, by a restart the README asks for', () => {
  // The kubelet writes a Secret's value into a container's environment when it starts it, and never again: a
  // token sealed anew reaches the Secret, and Traefik and external-dns keep the old one until they start again.
  const cloud = readCluster(defineMobius, 'mobius/cloud');
  const release = (cluster: typeof homelab, name: string) => cluster.objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === name)!.spec.values;

  test.each([
    ['homelab', 'Traefik (ACME DNS-01) reads key api-token of Secret traefik/cloudflare-api-token into its environment', 'traefik', 'deployment/traefik'],
    ['homelab', 'external-dns (AdGuard Home) reads keys password and username of Secret external-dns/adguard-credentials into its environment', 'external-dns', 'deployment/external-dns-adguard'],
    ['cloud', 'external-dns (Cloudflare) reads key api-token of Secret external-dns/cloudflare-api-token into its environment', 'external-dns', 'deployment/external-dns-cloudflare'],
  ])('%s: %s', (cluster, text, namespace, workload) => {
    const readme = cluster === 'homelab' ? homelab.readme : cloud.readme;
    const clusterSteps = ownerSteps(readme);
    const [what, command] = clusterSteps[stepsOf(clusterSteps)(text)];
    expect(what).toContain('reaches it only when its pods start again');
    expect(what).toContain('Once the cluster has the new value, restart it with the command, and revoke the old value only then');
    expect(command).toBe(`kubectl -n ${namespace} rollout restart ${workload} && kubectl -n ${namespace} rollout status ${workload} --timeout=5m`);
    expect(bashParses(command)).toBe(true);
  });

  test('the values read are environment variables of those workloads', () => {
    expect(release(homelab, 'traefik').env).toEqual([{ name: 'CF_DNS_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare-api-token', key: 'api-token' } } }]);
    expect(release(homelab, 'external-dns-adguard').provider.webhook.env.filter((e: { valueFrom?: unknown }) => e.valueFrom !== undefined).map((e: { name: string }) => e.name))
      .toEqual(['ADGUARD_USER', 'ADGUARD_PASSWORD']);
    expect(release(cloud, 'external-dns-cloudflare').env[0].name).toBe('CF_API_TOKEN');
  });

  test("AdGuard Home's own copy of the password changes with the Secret", () => {
    const [what] = steps[stepsOf(steps)('external-dns (AdGuard Home) reads keys')];
    expect(what).toContain("AdGuard Home keeps that user's password too (its bcrypt hash under users in AdGuardHome.yaml): change it there at the same time");
  });
});

import { App as CdkApp } from 'cdk8s';
import { hostPlacement, kubePrometheusStack, useCertManager } from '../../constructs';
import type { ClusterChart, HelmInstall } from '../../constructs';
import { CHART_TOP_LEVEL_VALUES, misspeltTopLevelValueProblems } from '../../constructs/platform/chart-top-level-values';
import { ciliumComponent } from '../../constructs/platform/components/cilium';
import { certManagerComponent } from '../../constructs/platform/components/cert-manager';
import { ingressNginxComponent } from '../../constructs/platform/components/ingress-nginx';
import { cdiComponent, kubeVirtComponent } from '../../constructs/platform/components/kubevirt';
import { metalLbComponent } from '../../constructs/platform/components/metallb';
import { openEbsZfs } from '../../constructs/platform/components/openebs-zfs';
import { traefikComponent } from '../../constructs/platform/components/traefik';
import { gpu1, guarded, labCluster, prepopulatedOutdir, synthFindings } from '../bad-input/lab';

// A top-level key of addValues that a chart the library pins does not have, but that is a near miss of one it
// has, is one error with the key meant: Helm would ignore it without a word.

function findingsOf(build: (cluster: ClusterChart) => void) {
  const app = new CdkApp();
  guarded((scope: CdkApp) => build(labCluster(scope)))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
}

test('a misspelt top-level key of MetalLB is one error on it, with the key meant', () => {
  const errors = findingsOf((cluster) => cluster.platform.get('metallb')!.addValues({ speker: { ignoreExcludeLB: true } }));
  expect(errors.map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.hint}`))
    .toEqual([expect.stringMatching(/^\[props\] main\/platform\/installs\/metallb addValues\.speker: did you mean speaker\?/)]);
});

test("cert-manager's key written in the singular is one error, with the key meant", () => {
  const errors = findingsOf((cluster) => useCertManager(cluster).addValues({ dns01RecursiveNameserver: '1.1.1.1:53' }));
  expect(errors.map((f) => `${f.field}: ${f.hint}`)).toEqual([expect.stringMatching(/^addValues\.dns01RecursiveNameserver: did you mean dns01RecursiveNameservers\?/)]);
});

test("ingress-nginx's, kube-prometheus-stack's and Cilium's near misses are one error each, with the key meant", () => {
  expect(misspeltTopLevelValueProblems('ingress-nginx', '4.13.7', { controler: { replicaCount: 2 }, defaultBackend: {} }).map((p) => `${p.field}: ${p.hint}`))
    .toEqual([expect.stringMatching(/^addValues\.controler: did you mean controller\?/)]);
  expect(misspeltTopLevelValueProblems('kube-prometheus-stack', '80.2.2', { alertManager: {}, nodeExporter: {} }).map((p) => `${p.field}: ${p.hint}`))
    .toEqual([expect.stringMatching(/^addValues\.alertManager: did you mean alertmanager\?/)]);
  expect(misspeltTopLevelValueProblems('cilium', '1.17.5', { hubbel: { relay: { enabled: true } }, ipam: {} }).map((p) => `${p.field}: ${p.hint}`))
    .toEqual([expect.stringMatching(/^addValues\.hubbel: did you mean hubble\?/)]);
});

test('keys the chart has, global, and keys far from every known one pass', () => {
  expect(misspeltTopLevelValueProblems('metallb', '0.15.2', { speaker: {}, controller: {}, global: {}, somethingNew: true })).toEqual([]);
  // Another version than the one the keys were read for is not judged by them.
  expect(misspeltTopLevelValueProblems('metallb', '0.16.0', { speker: {} })).toEqual([]);
  expect(misspeltTopLevelValueProblems('unlisted', '1.0.0', { speker: {} })).toEqual([]);
});

test("each listed chart's keys are those of the version the library pins, and its own values use only them", () => {
  const installs = [metalLbComponent(), certManagerComponent({}), openEbsZfs(), kubeVirtComponent(), cdiComponent(), traefikComponent({}),
    ingressNginxComponent(), ciliumComponent({
      k8sServiceHost: 'localhost', capabilities: { ciliumAgent: ['NET_ADMIN'] }, cgroup: { autoMount: false, hostRoot: '/sys/fs/cgroup' },
      gatewayApi: {}, l2Announcements: true, externalIPs: true, k8sClientQps: 20, encryption: 'wireguard', hubble: { relay: true, ui: true },
    }), kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' })].map((c) => c.install as HelmInstall);
  expect(installs.map((i) => [i.chart.chart, i.chart.version]).sort()).toEqual(Object.entries(CHART_TOP_LEVEL_VALUES).map(([chart, v]) => [chart, v.version]).sort());
  for (const install of installs) {
    expect(Object.keys(install.values).filter((key) => !['global', ...CHART_TOP_LEVEL_VALUES[install.chart.chart].keys].includes(key))).toEqual([]);
  }
});

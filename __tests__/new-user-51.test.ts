import { ApiObject, App as CdkApp } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChartRelease } from '../constructs';
import type { ClusterChart, Finding } from '../constructs';
import { home, podSpec, traefikOneIngress } from './bad-input/cases-new-user-51';
import { synthFindings } from './bad-input/lab';
import { aboutTheLab } from './support/synth';

// The three mini PCs' lab with the posts' objects written as a current cluster reads them: the checks its old
// habits met (see bad-input/cases-new-user-51.ts) leave the current keys alone, and nothing is refused or warned
// about that a real cluster would run as asked.

/** The findings of a fresh app whose cluster `home` is built by `build`, but the warning of schemas missing here. */
function synth(build: (c: ClusterChart) => void): Finding[] {
  const app = new CdkApp();
  home(build)(undefined as unknown as ClusterChart, app);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-51-')), 'dist');
  return aboutTheLab(synthFindings(app, outdir).findings);
}

const shown = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);

/** A hand-written workload `name` of namespace `media`, with its Service on port 80; `pod` and `annotations` add to its pods. */
function workload(c: ClusterChart, name: string, kind: 'Deployment' | 'DaemonSet', pod: Record<string, unknown>, annotations?: Record<string, string>): void {
  c.namespaces.ensure('media');
  new ApiObject(c, name, {
    apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'media' },
    spec: {
      ...(kind === 'Deployment' ? { replicas: 2 } : {}), selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, annotations }, spec: podSpec(pod) },
    },
  });
}

/** The posts' objects as a 1.30 cluster, Traefik 3 and MetalLB 0.14 read them. */
function currentLab(c: ClusterChart): void {
  // The seccomp profile as a field, a priority class in place of critical-pod, the control plane's taint by its
  // current key, and spreading over the nodes' host names, which K3s sets.
  workload(c, 'jellyfin', 'Deployment', {
    priorityClassName: 'system-cluster-critical',
    tolerations: [
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'jellyfin' } } }],
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'jellyfin' } } } }] } },
  }, { 'container.apparmor.security.beta.kubernetes.io/web': 'runtime/default' });
  new ApiObject(c, 'jellyfin-service', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'jellyfin', namespace: 'media' },
    spec: { selector: { app: 'jellyfin' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  });
  // The LAN-only route as Traefik 3 takes it: a Middleware with ipAllowList, named by router.middlewares, and
  // Traefik's Service keeping the clients' addresses the list is judged by.
  c.platform.get('traefik')!.addValues({ service: { spec: { externalTrafficPolicy: 'Local' } } });
  new ApiObject(c, 'lan-only', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'lan-only', namespace: 'media' },
    spec: { ipAllowList: { sourceRange: ['192.168.51.0/24'] } },
  });
  new ApiObject(c, 'jellyfin-ingress', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: {
      name: 'jellyfin', namespace: 'media',
      annotations: { 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure', 'traefik.ingress.kubernetes.io/router.middlewares': 'media-lan-only@kubernetescrd' },
    },
    spec: {
      ingressClassName: 'traefik',
      rules: [{ host: 'jellyfin.minis.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'jellyfin', port: { number: 80 } } } }] } }],
    },
  });
  // A ConfigMap whose key is called config, as many apps' are, that is no MetalLB configuration.
  new ApiObject(c, 'jellyfin-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'media' }, data: { config: 'log-level: info\naddress: 0.0.0.0\n' },
  });
}

describe("a new user's lab from old posts, written for a current cluster", () => {
  test('the posts written right synthesize without errors, warned only that the hand-written namespace has no NetworkPolicy', () => {
    expect(shown(synth(currentLab))).toEqual(['warning home/jellyfin metadata.namespace: namespace "media" has no NetworkPolicy; every pod may talk to its pods']);
  });

  test('none of the current keys that replaced a retired one is reported', () => {
    const findings = synth(currentLab).filter((f) => /tolerations|topologyKey|annotations|data\.config|resources/.test(f.field));
    expect(shown(findings)).toEqual([]);
  });

  test("a chart's values of rbac.create and of a key that merely holds the word tiller pass", () => {
    const findings = synth((c) => new ChartRelease(c, 'prometheus-stack', {
      namespace: 'monitoring', chart: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '65.1.1' },
      values: { prometheusOperator: { rbac: { create: true } }, grafana: { tillerDashboards: false } },
    }));
    expect(shown(findings.filter((f) => f.field.startsWith('values')))).toEqual([]);
  });


  test("an Ingress's TLS Secret asked of cert-manager by its old annotation is one error, on the annotation", () => {
    const app = new CdkApp();
    traefikOneIngress({ 'certmanager.k8s.io/cluster-issuer': 'letsencrypt' }, { hosts: ['cloud.minis.example'], secretName: 'nextcloud-tls' })(undefined as unknown as ClusterChart, app);
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-51-')), 'dist');
    const errors = synthFindings(app, outdir).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['home/nextcloud-ingress metadata.annotations.certmanager.k8s.io/cluster-issuer']);
  });
});

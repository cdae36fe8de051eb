import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ArgoCdProps } from '../constructs';
import { App, argoCd, ChartRelease, ClusterChart, declareExternal, host, k3s, localPathStorage, SecretReference, servesPorts, site, traefik } from '../constructs';
import { goPathMatch } from '../constructs/validation/go-path-match';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A home lab on Argo CD written from the README the way its guides write it, done right: a PreSync hook Job that
// migrates the wiki's database as a ServiceAccount that is a PreSync hook of an earlier wave, an ApplicationSet
// over a folder of the repository beside the output, an app of apps that ignores the replicas an HPA sets and the
// CA bundle a webhook's injector writes, and a chart through Argo CD. It synthesizes with no finding. A project the
// owner writes by hand instead is answered with what it must take.

const HOOK = { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' };
const REPOSITORY = 'https://github.com/jdoe/home.git';

/** The lab's one cluster, on one K3s node, under Argo CD with `props`. */
function homeCluster(scope: Construct, props: ArgoCdProps): ClusterChart {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const home = site('home', { domain: 'home.jdoe.dev', hosts: [nuc], git: { url: REPOSITORY } });
  return new ClusterChart(scope, 'main', {
    site: home, hosts: [nuc], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: argoCd(props),
  });
}

function argoLab(scope: Construct): void {
  const main = homeCluster(scope, { project: 'home', createProject: true });
  declareExternal(main, { secrets: [{ namespace: 'wiki', name: 'wiki-db' }] });
  new App(main, 'wiki', {
    namespace: 'wiki', image: 'ghcr.io/requarks/wiki:2.5.300', ports: [{ name: 'http', port: 3000 }], route: { host: 'wiki' },
    autoscaling: { minReplicas: 1, maxReplicas: 3, cpuUtilization: 70 }, env: { DB_PASS: SecretReference.external('wiki', 'wiki-db', 'password') },
  });
  new ApiObject(main, 'migrator', {
    apiVersion: 'v1', kind: 'ServiceAccount', automountServiceAccountToken: false,
    metadata: { name: 'wiki-migrate', namespace: 'wiki', annotations: { ...HOOK, 'argocd.argoproj.io/sync-wave': '-1' } },
  });
  new ApiObject(main, 'migrate', {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'wiki-migrate', namespace: 'wiki', annotations: HOOK },
    spec: {
      backoffLimit: 2,
      template: {
        metadata: { annotations: { 'security.homelab.dev/no-network-policy': 'a one-shot migration that serves nothing' } },
        spec: {
          restartPolicy: 'Never', automountServiceAccountToken: false, serviceAccountName: 'wiki-migrate',
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'migrate', image: 'ghcr.io/requarks/wiki:2.5.300', command: ['node', 'server/migrate.js'],
            env: [{ name: 'DB_PASS', valueFrom: { secretKeyRef: { name: 'wiki-db', key: 'password' } } }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          }],
        },
      },
    },
  });
  const destination = { server: 'https://kubernetes.default.svc', namespace: 'wiki' };
  const syncPolicy = { automated: { prune: true, selfHeal: true }, syncOptions: ['RespectIgnoreDifferences=true'] };
  new ApiObject(main, 'extras', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'extras', namespace: 'argocd' },
    spec: {
      goTemplate: true, goTemplateOptions: ['missingkey=error'],
      generators: [{ git: { repoURL: REPOSITORY, revision: 'HEAD', directories: [{ path: 'extras/*' }, { path: 'dist/*', exclude: true }] } }],
      template: {
        metadata: { name: '{{.path.basename}}' },
        spec: {
          project: 'home', source: { repoURL: REPOSITORY, targetRevision: 'HEAD', path: '{{.path.path}}' }, destination, syncPolicy,
          ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
        },
      },
    },
  });
  new ApiObject(main, 'webhooks', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'webhooks', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '5' } },
    spec: {
      project: 'home', source: { repoURL: REPOSITORY, targetRevision: 'HEAD', path: 'webhooks' }, destination, syncPolicy,
      ignoreDifferences: [
        { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
        { kind: 'Service', jsonPointers: ['/spec/clusterIP'] },
      ],
    },
  });
  new ChartRelease(main, 'podinfo', {
    namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' }, network: servesPorts({ port: 9898, purpose: 'web' }),
  });
}

test('an Argo CD lab with a PreSync migration, an ApplicationSet beside the output and ignored differences synthesizes clean', () => {
  expect(shownFindings(argoLab)).toEqual([]);
});

test("an ApplicationSet's directory patterns match folders as Go's path.Match does", () => {
  expect(goPathMatch('dist/home/*', 'dist/home/main')).toBe(true);
  expect(goPathMatch('dist/*', 'dist/home/main')).toBe(false);
  expect(goPathMatch('dist/home/[a-m]ain', 'dist/home/main')).toBe(true);
  expect(goPathMatch('dist/home/[^m]*', 'dist/home/main')).toBe(false);
  expect(goPathMatch('dist/home/m?in', 'dist/home/main')).toBe(true);
  expect(goPathMatch('dist/home/[main', 'dist/home/main')).toBe(false);
});

test("a project written by hand that lacks a component's chart repository is answered with that repository to add", () => {
  const handProject = (scope: Construct) => {
    const main = homeCluster(scope, { project: 'apps' });
    new ApiObject(main, 'project', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'apps', namespace: 'argocd' },
      spec: { sourceRepos: [REPOSITORY], destinations: [{ namespace: '*', server: 'https://kubernetes.default.svc' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
    });
  };
  const refused = sitesInMemory(handProject).findings.filter((f) => f.field === 'spec.source.repoURL' && f.constructPath.endsWith('traefik/application'));
  expect(refused.map((f) => f.hint)).toEqual([expect.stringContaining('add https://traefik.github.io/charts to the sourceRepos of AppProject apps')]);
});

describe('a project written by hand for the cluster\'s folders', () => {
  const withProject = (spec: Record<string, unknown>) => (scope: Construct) => {
    const main = homeCluster(scope, { project: 'apps' });
    new ApiObject(main, 'project', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'apps', namespace: 'argocd' },
      spec: { sourceRepos: ['*'], ...spec },
    });
    new App(main, 'whoami', { namespace: 'web', image: 'traefik/whoami:v1.10.3', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'] });
  };
  const projectErrors = (spec: Record<string, unknown>) => sitesInMemory(withProject(spec)).findings
    .filter((f) => f.severity === 'error' && f.constructPath === 'main/project').map((f) => `${f.field}: ${f.message}`);

  test('without a clusterResourceWhitelist refuses the Namespaces and the other cluster-scoped kinds of the output', () => {
    expect(projectErrors({ destinations: [{ namespace: '*', server: 'https://kubernetes.default.svc' }] }))
      .toEqual([expect.stringMatching(/^spec\.clusterResourceWhitelist: .*\/Namespace.*without a clusterResourceWhitelist it permits none/)]);
  });
  test('with destinations that leave a namespace of the output out refuses its objects', () => {
    expect(projectErrors({ destinations: [{ namespace: 'argocd', name: 'in-cluster' }, { namespace: 'traefik', name: 'in-cluster' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] }))
      .toEqual([expect.stringMatching(/^spec\.destinations: .*takes no destination in namespace "web", where the output has objects/)]);
  });
  test('with an empty namespaced whitelist refuses every namespaced kind of the output', () => {
    expect(projectErrors({ destinations: [{ namespace: '*', name: 'in-cluster' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }], namespaceResourceWhitelist: [] }))
      .toEqual([expect.stringMatching(/^spec\.namespaceResourceWhitelist: .*apps\/Deployment/)]);
  });
  test('that permits every kind in every namespace of the in-cluster destination passes', () => {
    expect(projectErrors({ destinations: [{ namespace: '*', name: 'in-cluster' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] })).toEqual([]);
  });
});

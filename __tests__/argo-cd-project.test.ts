import { App as CdkApp } from 'cdk8s';
import { argoCd, ChartRelease, servesPorts, synthesize } from '../constructs';
import type { ArgoCdProps } from '../constructs';
import { projectLimits } from '../constructs/platform/argo-cd-project';
import { UNRESTRICTED_PROJECT_ANNOTATION } from '../constructs/platform/argo-cd';
import { labApp, labCluster } from './bad-input/lab';
import { permits, projectSpec, projectViolations } from './support/argo-cd-projects';
import { sitesInMemory } from './support/synth';

// The AppProjects Argo CD checks every sync against: the site's Git repository may apply only what the
// cluster writes to it, and everything the cluster writes must still sync on a bare cluster.

/** The lab with Argo CD and `props`, an app with a route and a chart release; its files and manifests. */
function argoLab(props: ArgoCdProps) {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: argoCd(props) });
  labApp('web', { route: { host: 'web' } })(cluster);
  new ChartRelease(cluster, 'wiki', {
    namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wiki', version: '1.0.0' }, network: servesPorts({ port: 3000, purpose: 'web' }),
  });
  const result = synthesize(app, { outdir: 'unused', write: false });
  return {
    result,
    errors: result.findings.filter((f) => f.severity === 'error'),
    manifests: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)),
  };
}

describe('every Application of an Argo CD cluster syncs under the project it names', () => {
  test('the real sites', () => {
    const result = sitesInMemory();
    const argo = result.clusters.filter((c) => c.objects.some((o) => o.manifest.kind === 'Application'));
    // grey-area renders its projects; the invariant must not hold only because no site has one.
    expect(argo.filter((c) => c.objects.some((o) => o.manifest.kind === 'AppProject')).map((c) => c.folder)).toContain('grey-area/main');
    for (const cluster of argo) {
      expect([cluster.folder, projectViolations(result.files, cluster.folder)]).toEqual([cluster.folder, []]);
    }
  });

  test.each<[string, ArgoCdProps]>([
    ['projects it renders', { project: 'lab', createProject: true }],
    ['an unrestricted project', { project: 'lab', createProject: true, unrestrictedProject: 'the lab tries manifests pushed by hand' }],
    ["Argo CD's default project", {}],
  ])('a lab with %s', (_name, props) => {
    const { result, errors } = argoLab(props);
    expect(errors).toEqual([]);
    expect(projectViolations(result.files, 'lab/main')).toEqual([]);
  });
});

describe('the project of the site\'s Git repository', () => {
  const { manifests } = argoLab({ project: 'lab', createProject: true });
  const git = projectSpec(manifests, 'lab');
  const upstream = projectSpec(manifests, 'lab-upstream');

  test('deploys only from the site\'s repository; components and chart releases from their pinned repositories', () => {
    expect(git.sourceRepos).toEqual(['https://git.lab.test/lab.git']);
    expect(upstream.sourceRepos).toContain('https://charts.example.org');
    expect(upstream.sourceRepos).not.toContain('https://git.lab.test/lab.git');
    const applications = manifests.filter((m) => m.kind === 'Application');
    expect(applications.find((a) => a.metadata.name === 'wiki').spec.project).toBe('lab-upstream');
    expect(applications.filter((a) => a.spec.source.repoURL === 'https://git.lab.test/lab.git').every((a) => a.spec.project === 'lab')).toBe(true);
  });

  test('refuses what the repository does not hold: another namespace, a kind none of its objects has', () => {
    const secret = (namespace: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace } });
    expect(permits(git, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'web' } })).toBe(true);
    expect(permits(git, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'kube-system' } })).toBe(false);
    expect(permits(git, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', namespace: 'web' } })).toBe(false);
    expect(permits(git, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'x' } })).toBe(false);
    expect(permits(git, secret('kube-system'))).toBe(false);
    // The chart project may apply anything, but only from the pinned repositories, and says why on itself.
    expect(permits(upstream, secret('kube-system'))).toBe(true);
    const annotations = manifests.find((m) => m.kind === 'AppProject' && m.metadata.name === 'lab-upstream').metadata.annotations;
    expect(annotations['security.homelab.dev/unrestricted-project']).toMatch(/known only once Argo CD renders them/);
  });

  test("Argo CD's own default project is closed, so an Application pushed to the repository cannot name it instead", () => {
    const closed = projectSpec(manifests, 'default');
    expect(closed.sourceRepos).toEqual([]);
    expect(closed.destinations).toEqual([]);
    expect(permits(closed, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'web' } })).toBe(false);
    expect(permits(closed, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } })).toBe(false);
    // A cluster whose own project is `default` keeps it as the repository's project.
    expect(argoLab({ createProject: true }).manifests.filter((m) => m.kind === 'AppProject' && m.metadata.name === 'default')).toHaveLength(1);
  });

  test('an unrestricted project allows any kind anywhere, still from the repository alone, and says why', () => {
    const open = argoLab({ project: 'lab', createProject: true, unrestrictedProject: 'trying things' }).manifests
      .find((m) => m.kind === 'AppProject' && m.metadata.name === 'lab');
    expect(open.metadata.annotations[UNRESTRICTED_PROJECT_ANNOTATION]).toBe('trying things');
    expect(open.spec.sourceRepos).toEqual(['https://git.lab.test/lab.git']);
    expect(permits(open.spec, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'x', namespace: 'kube-system' } })).toBe(true);
    const restricted = manifests.find((m) => m.kind === 'AppProject' && m.metadata.name === 'lab');
    expect(restricted.metadata.annotations).not.toHaveProperty([UNRESTRICTED_PROJECT_ANNOTATION]);
  });
});

describe('projectLimits', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Service', namespace: 'web', clusterScoped: false },
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', clusterScoped: false },
    { apiVersion: 'v1', kind: 'Namespace', clusterScoped: true },
    { apiVersion: 'tailscale.com/v1alpha1', kind: 'ProxyClass', clusterScoped: true },
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', clusterScoped: false },
    { apiVersion: 'v1', kind: 'ConfigMap', clusterScoped: false },
  ];

  test('the namespaces and group/kind pairs of the objects, cluster-scoped apart, sorted whatever their order', () => {
    const limits = projectLimits(objects, 'argocd');
    expect(limits).toEqual({
      // A namespaced object without a namespace goes where the Applications point.
      namespaces: ['argocd', 'web'],
      clusterKinds: [{ group: '', kind: 'Namespace' }, { group: 'tailscale.com', kind: 'ProxyClass' }],
      namespacedKinds: [{ group: '', kind: 'ConfigMap' }, { group: '', kind: 'Service' }, { group: 'apps', kind: 'Deployment' }, { group: 'argoproj.io', kind: 'Application' }],
    });
    expect(projectLimits([...objects].reverse(), 'argocd')).toEqual(limits);
  });
});

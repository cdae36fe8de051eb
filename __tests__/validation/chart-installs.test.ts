import { chartInstallOf, isVersionOrRange } from '../../constructs/validation/chart-installs';

describe('chart versions as Helm, Flux and Argo CD read them', () => {
  test.each(['41.3.0', 'v1.21.1', '1.2.3-rc.1+build.5', '>=19.0.0', '>= 19.0.0 < 20', '~1.2', '^2', '1.2.x', '*', '1.2.3 - 1.4', '>=1.0.0, <2.0.0', '1.x || 2.x', ''])('%s is a version or a range', (text) => {
    expect(isVersionOrRange(text)).toBe(true);
  });

  test.each(['latest', 'stable', 'main', 'HEAD', '1.2.3.4', '>=', 'v'])('%s is neither', (text) => {
    expect(isVersionOrRange(text)).toBe(false);
  });

  test('an Argo CD Application of a Git folder names no chart version', () => {
    expect(chartInstallOf({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', spec: { source: { path: 'apps', targetRevision: 'main' } } })).toBeUndefined();
    expect(chartInstallOf({ apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', spec: { chart: 'traefik', version: '41.3.0' } }))
      .toEqual({ chart: 'traefik', version: '41.3.0', field: 'spec.version' });
  });
});

import { App } from 'cdk8s';
import { HomelabApp, host, site, traefik } from '../constructs';
import type { RouteRuleIntent } from '../constructs';
import { traefikMatchers, traefikRuleString } from '../constructs/validation/traefik-rule-syntax';
import { labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

/** The `match` of every router of the IngressRoute `web`, and the run's errors. */
function traefikMatches(rules: RouteRuleIntent[]): { matches: string[]; errors: string[] } {
  const result = synthInMemory((app) => {
    new HomelabApp(labCluster(app as App), 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web', rules } });
  });
  const route = result.clusters[0].objects.map((o) => o.manifest).find((m) => m.kind === 'IngressRoute');
  return {
    matches: ((route?.spec as { routes?: Array<{ match: string }> } | undefined)?.routes ?? []).map((r) => r.match),
    errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`),
  };
}

describe('Traefik rule values', () => {
  test('a value that a raw Go string holds is back-quoted, as Traefik documents rules', () => {
    expect(traefikRuleString('/api')).toBe('`/api`');
    expect(traefikRuleString('^a\\d+$')).toBe('`^a\\d+$`');
  });

  test('a value with a back quote, a carriage return or NUL is a double-quoted Go string, and reads back as written', () => {
    for (const value of ['a`) || Host(`evil', 'a`b', 'say "hi" `x` \\ bye', 'a\rb', 'x\u0000y\u007f\ufeff']) {
      const literal = traefikRuleString(value);
      expect(literal.startsWith('"')).toBe(true);
      expect(traefikMatchers(`Header(\`X\`, ${literal})`)).toEqual([{ name: 'Header', args: ['X', value] }]);
    }
  });

  test('a header value cannot add a matcher to the rule', () => {
    const { matches, errors } = traefikMatches([{ path: '/', headers: [{ name: 'X-Env', value: 'a`) || Host(`evil' }] }]);
    expect(errors).toEqual([]);
    expect(matches).toEqual(['Host(`web.lab.test`) && Header(`X-Env`, "a`) || Host(`evil")']);
    expect(traefikMatchers(matches[0])).toEqual([
      { name: 'Host', args: ['web.lab.test'] },
      { name: 'Header', args: ['X-Env', 'a`) || Host(`evil'] },
    ]);
  });

  test('a path and a regex with back quotes stay one argument each', () => {
    const { matches } = traefikMatches([
      // Written escaped, as requests carry it; Traefik's rule holds it decoded, as Traefik compares paths.
      { path: '/a%60b%60%20%26%26%20Host%60evil' },
      { path: '/b', headers: [{ name: 'X-Env', value: 'a`b\\d', type: 'RegularExpression' }] },
    ]);
    expect(traefikMatchers(matches[0])).toEqual([{ name: 'Host', args: ['web.lab.test'] }, { name: 'PathPrefix', args: ['/a`b` && Host`evil'] }]);
    expect(matches[1]).toBe('Host(`web.lab.test`) && PathPrefix(`/b`) && HeaderRegexp(`X-Env`, "a`b\\\\d")');
  });

  test('string literals are skipped whole when a rule is read, so a value naming a matcher is no matcher', () => {
    expect(traefikMatchers('Host(`a.test`) && Header(`X`, "Host(`evil`) && Path(`/x`)")').map((m) => m.name)).toEqual(['Host', 'Header']);
  });
});

describe('a site domain that is no DNS name', () => {
  test('is reported on the site alone, not again on every route under it', () => {
    const node = host('md-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
    const bad = site('md', { domain: 'Md.Example.com', hosts: [node], git: { url: 'https://git.md.test/lab.git' } });
    const result = synthInMemory((app) => {
      const cluster = labCluster(app as App, 'edge', { site: bad, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {} });
      new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web' } });
      new HomelabApp(cluster, 'api', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }).addRoute('api');
    });
    const errors = result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);
    expect(errors).toEqual(['inventory/site/md domain']);
  });

  test('still has a bad label of a route reported on the route', () => {
    const node = host('mb-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.2' });
    const bad = site('mb', { domain: 'Mb.Example.com', hosts: [node] });
    const result = synthInMemory((app) => {
      const cluster = labCluster(app as App, 'edge', { site: bad, hosts: [node], loadBalancer: undefined, storage: {} });
      new HomelabApp(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'My_Web' } });
    });
    expect(result.findings.filter((f) => f.severity === 'error' && f.field === 'route.host')).toHaveLength(1);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App as CdkApp } from 'cdk8s';
import { ClusterChart, flux, host, localPathStorage, site, synthesizeFleet, traefik } from '../constructs';
import type { Finding } from '../constructs';
import { arm1, gpu1, labApp, labCluster, synthFindings } from './bad-input/lab';
import { isCudaImage } from '../constructs/app/gpu';
import { webReadingEnvFrom } from './bad-input/cases-followups-4';
import { envLiteralProblem } from '../constructs/validation/policy';
import { aboutTheLab } from './support/synth';

/**
 * The findings of the lab built by `build`, but the lab's own (Traefik's address) and the machine's (upstream
 * schemas missing), and the files it wrote.
 */
function synthLab(build: (cluster: ClusterChart) => void): { findings: Finding[]; files: Map<string, string> } {
  const app = new CdkApp();
  build(labCluster(app));
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'followups-4-'));
  const { findings } = synthFindings(app, outdir);
  const files = new Map<string, string>();
  for (const file of fs.readdirSync(outdir, { recursive: true }) as string[]) {
    const at = path.join(outdir, file);
    if (fs.statSync(at).isFile()) {
      files.set(file, fs.readFileSync(at, 'utf8'));
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return { findings: aboutTheLab(findings).filter((f) => f.field !== 'routes.address'), files };
}

/** The workload's exemption from a policy of its own: its calls are what the tests are about. */
const NO_POLICY = { 'security.homelab.dev/no-network-policy': 'a test workload, which only calls' };

describe('addresses a workload reads from a ConfigMap through envFrom are calls', () => {
  test('the correct form, a URL of a port the Service serves, to an app that lets the workload in, passes without a warning', () => {
    expect(synthLab(webReadingEnvFrom({ API_URL: 'http://api.api:8080', LOG_LEVEL: 'info' }, {}, { allowFrom: [{ namespace: 'web' }] }, NO_POLICY)).findings).toEqual([]);
    // Without the admission, the call is told of on the ConfigMap's key.
    expect(synthLab(webReadingEnvFrom({ API_URL: 'http://api.api:8080', LOG_LEVEL: 'info' }, {}, {}, NO_POLICY)).findings.map((f) => f.field)).toEqual(['data.API_URL']);
  });

  test('an env entry of the same name wins over the ConfigMap key, as the kubelet lets it', () => {
    const { findings } = synthLab(webReadingEnvFrom({ API_URL: 'http://api.api:9999' }, { env: [{ name: 'API_URL', value: 'https://example.org' }] }));
    expect(findings.filter((f) => f.field === 'data.API_URL')).toEqual([]);
  });

  test('an envFrom prefix is part of the variable the value is read under', () => {
    const { findings } = synthLab(webReadingEnvFrom({ URL: 'http://api.api:9999' }, { envFrom: [{ prefix: 'API_', configMapRef: { name: 'web-env' } }] }));
    expect(findings.find((f) => f.field === 'data.URL')?.message).toMatch(/env API_URL \(from ConfigMap web-env\) calls Service api\.api on port 9999/);
  });
});

describe('a CPU amount given as a number is taken as Kubernetes takes it', () => {
  test('cpuLimit: 2 and cpuRequest: 0.5 are written as the quantities 2 and 0.5, with no finding', () => {
    const { findings, files } = synthLab(labApp('p', { resources: { cpuLimit: 2, cpuRequest: 0.5 } }));
    expect(findings).toEqual([]);
    const deployment = [...files.values()].find((text) => text.includes('kind: Deployment') && text.includes('name: p\n'));
    expect(deployment).toMatch(/limits:\n\s+cpu: '2'/);
    expect(deployment).toMatch(/requests:\n\s+cpu: '0.5'/);
  });
});

describe('a plain secret literal in env is refused by its name, whatever its value looks like', () => {
  test.each(['AUTHELIA_JWT_SECRET', 'DB_PASSWORD', 'GITHUB_TOKEN', 'OPENAI_API_KEY'])('%s: hunter2', (name) => {
    expect(envLiteralProblem(name, 'hunter2')?.message).toMatch(/literal value; a secret would be committed/);
  });
  test.each([
    ['DB_PASSWORD', '$(POSTGRES_PASSWORD)'], ['DB_PASSWORD', 'file:///run/secrets/db'], ['DB_PASSWORD', '/run/secrets/db'],
    ['DB_PASSWORD_FILE', '/run/secrets/db'], ['OIDC_TOKEN_URL', 'https://auth.lab.test/api/oidc/token'],
  ])('%s: %s is no secret literal', (name, value) => {
    expect(envLiteralProblem(name, value)).toBeUndefined();
  });
});

describe('a CUDA image where its pods may find no NVIDIA GPU', () => {
  const CUDA = 'nvidia/cuda:12.4.1-runtime-ubuntu22.04';
  test('placed on a host with no NVIDIA GPU: a warning on the image, with the GPU request to write', () => {
    const { findings } = synthLab(labApp('trainer', { image: CUDA, placement: { host: arm1 } }));
    expect(findings).toEqual([expect.objectContaining({
      severity: 'warning', field: 'image', message: expect.stringMatching(/CUDA build, but its pods may run on arm1, with no NVIDIA GPU/), hint: expect.stringMatching(/gpu: \{ vendor: 'nvidia' \}/),
    })]);
  });
  test('the correct forms pass without a warning: the GPU asked for, or the pods kept on the NVIDIA host', () => {
    expect(synthLab(labApp('trainer', { image: CUDA, gpu: { vendor: 'nvidia' } })).findings).toEqual([]);
    expect(synthLab(labApp('llama', { image: 'ghcr.io/ggerganov/llama.cpp:server-cuda-b4400', placement: { host: gpu1 } })).findings).toEqual([]);
  });
  test.each([
    ['nvidia/cuda:12.4.1-runtime-ubuntu22.04', true], ['nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04', true],
    ['ghcr.io/immich-app/immich-machine-learning:v1.119.1-cuda', true], ['ghcr.io/ggerganov/llama.cpp:server-cuda-b4400', true],
    ['example/app:2.0-cuda12.4-runtime', true],
    ['example/barracuda:1.0', false], ['ghcr.io/immich-app/immich-machine-learning:v1.119.1', false], ['ollama/ollama:0.6.5', false],
  ])('%s is a CUDA build: %s', (image, cuda) => {
    expect(isCudaImage(image)).toBe(cuda);
  });
});

describe("a forward-auth Middleware calling another cluster's auth service by its in-cluster name", () => {
  const h1 = host('f4-h1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.40.11' });
  const h2 = host('f4-h2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.40.12' });
  const home = site('f4-home', { domain: 'home.test', hosts: [h1, h2], git: { url: 'https://git.home.test/lab.git' } });
  const clusterOn = (scope: CdkApp, id: string, node: typeof h1) =>
    new ClusterChart(scope, id, { site: home, hosts: [node], routes: traefik({ hostPorts: true }), storage: { fast: localPathStorage() }, gitops: flux() });
  /** The fleet: `main` runs Authelia in namespace auth; `edge` has a forward-auth Middleware whose address is `address`. */
  const middlewareFindings = (address: string) => synthesizeFleet(new CdkApp(), {
    clusters: [
      { folder: 'f4-home/main', source: 'charts/f4/main.ts', build: (s) => { const c = clusterOn(s as CdkApp, 'main', h1); labApp('authelia', { image: 'ghcr.io/example/auth:1.0.0', namespace: 'auth', ports: [{ name: 'http', port: 9091 }] })(c); return c; } },
      {
        folder: 'f4-home/edge', source: 'charts/f4/edge.ts',
        build: (s) => {
          const c = clusterOn(s as CdkApp, 'edge', h2);
          c.namespaces.ensure('web');
          new ApiObject(c, 'sso', { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'sso', namespace: 'web' }, spec: { forwardAuth: { address, authResponseHeaders: ['Remote-User'] } } });
          return c;
        },
      },
    ],
  }, { outdir: path.join(os.tmpdir(), 'followups-4-unused'), write: false }).findings.filter((f) => f.constructPath.endsWith('edge/sso'));

  test('is told which cluster has the Service, as an env call is', () => {
    expect(middlewareFindings('http://authelia.auth.svc.cluster.local:9091/api/authz/forward-auth')).toEqual([expect.objectContaining({
      severity: 'error', field: 'spec.forwardAuth.address',
      message: expect.stringContaining('forward-auth Middleware sso calls Service authelia.auth, which is in cluster f4-home/main, not in this one (f4-home/edge has no namespace "auth")'),
      hint: expect.stringContaining('deploy authelia in namespace "auth" of this cluster too'),
    })]);
  });

  test('a Service no cluster has keeps the finding of its own cluster', () => {
    expect(middlewareFindings('http://authentik.sso.svc.cluster.local:9000/outpost.goauthentik.io/auth/traefik').map((f) => f.message)).toEqual([
      expect.stringContaining('forward-auth Middleware sso calls Service authentik.sso, but the cluster has no namespace "sso"'),
    ]);
  });
});

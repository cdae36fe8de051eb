import { manifestsOf, sitesInMemory } from './support/synth';
import { ollamaNixPackage, ollamaNixPackageEnv } from '../charts/grey-area/ollama-nix-package';

// grey-area walked from a bare cluster to running services: what the earlier re-reads left out.

const result = sitesInMemory();
const readme = result.files.get('grey-area/main/README.md')!;
const manifests = manifestsOf(result, 'grey-area/main');
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const rows = readme.split('\n');
const rowIndex = (start: string) => rows.findIndex((line) => line.startsWith(start));

describe("grey-area: Ollama's Nix-built image runs its models on grey-area's GPU", () => {
  test('the pod holds an NVIDIA GPU through the nvidia runtime', () => {
    const pod = find('Deployment', 'ollama').spec.template.spec;
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
  });

  test("the build step has the image hold nixpkgs' ollama-cuda, not the design's pkgs.ollama, which nixpkgs builds without CUDA", () => {
    const step = rows[rowIndex('| manual | build the Ollama image with Nix')];
    expect(step).toContain("the image holds nixpkgs' ollama-cuda in place of the design's ollama");
    expect(step).toContain('${pkgs.ollama-cuda}/bin/ollama serve');
    expect(step).toContain('nixpkgs builds ollama without CUDA unless its config sets cudaSupport');
    expect(step).toContain("the flake's nixpkgs sets config.allowUnfree = true");
  });

  test('a step after it checks that a loaded model runs on the GPU, where Ollama would fall back to the CPU without an error', () => {
    const build = rowIndex('| manual | build the Ollama image with Nix');
    const check = rowIndex("| manual | once Ollama runs its Nix-built image, check that it runs models on grey-area's GPU");
    expect(check).toBeGreaterThan(build);
    expect(rows[check]).toContain('PROCESSOR column says 100% GPU');
    expect(rows[check]).toContain('`kubectl -n services exec deployment/ollama -- /bin/ollama run "$MODEL" hello >/dev/null && kubectl -n services exec deployment/ollama -- /bin/ollama ps`');
  });

  test("the design choice on Ollama says why the package differs from the design's", () => {
    expect(readme).toContain("The design's Nix expression copies `pkgs.ollama`, which nixpkgs builds without CUDA or ROCm unless asked");
  });

  test('each accelerator has its nixpkgs build: CUDA (unfree) for NVIDIA, ROCm for AMD, the plain package for the CPU', () => {
    expect(ollamaNixPackage('nvidia')).toMatchObject({ attribute: 'ollama-cuda', unfree: true, gpuBuild: { backend: 'CUDA' } });
    expect(ollamaNixPackage('amd')).toMatchObject({ attribute: 'ollama-rocm', unfree: false, gpuBuild: { backend: 'ROCm' } });
    expect(ollamaNixPackage('cpu')).toEqual({ attribute: 'ollama', unfree: false });
  });
});

describe("grey-area: the Nix-built Ollama finds the NVIDIA driver the node's runtime hands into its pod", () => {
  const container = () => find('Deployment', 'ollama').spec.template.spec.containers[0];

  test("LD_LIBRARY_PATH names where NVIDIA's runtime puts the driver's libraries, legacy mode's and Talos' CDI paths", () => {
    const value = container().env.find((e: any) => e.name === 'LD_LIBRARY_PATH')?.value;
    expect(value?.split(':')).toEqual(['/usr/lib64', '/usr/local/lib', '/usr/local/glibc/usr/lib']);
  });

  test('the build step and the design choice say why: nixpkgs reads no ld.so.cache and looks in /run/opengl-driver/lib', () => {
    const step = rows[rowIndex('| manual | build the Ollama image with Nix')];
    expect(step).toContain('The pod sets LD_LIBRARY_PATH=/usr/lib64:/usr/local/lib:/usr/local/glibc/usr/lib');
    expect(step).toContain('a Nix-built program reads no /etc/ld.so.cache');
    expect(step).toContain("/run/opengl-driver/lib, which no container has");
    expect(readme).toContain("the pod sets `LD_LIBRARY_PATH` to where the node's NVIDIA runtime puts the driver's libraries");
  });

  test('only an NVIDIA build needs the host driver: ROCm and the CPU build set nothing', () => {
    expect(ollamaNixPackageEnv('nvidia')).toEqual({ LD_LIBRARY_PATH: '/usr/lib64:/usr/local/lib:/usr/local/glibc/usr/lib' });
    expect(ollamaNixPackageEnv('amd')).toEqual({});
    expect(ollamaNixPackageEnv('cpu')).toEqual({});
  });
});

describe("grey-area: the argocd CLI reaches Argo CD through Traefik's route, which forwards HTTP/1.1", () => {
  test('the route sends the server plain HTTP: no h2c scheme carries gRPC to it', () => {
    const route = find('IngressRoute', 'argocd');
    expect(route.spec.routes.map((r: any) => r.services[0].scheme)).toEqual([undefined]);
  });

  test('the step that sets the admin password logs in with gRPC-web, which the token step after it reuses', () => {
    const login = rowIndex("| bootstrap | after the first sync, set the password of Argo CD's admin");
    const token = rowIndex('| bootstrap | after the first sync (account ci comes');
    expect(rows[login]).toContain('argocd login "$ARGOCD_HOST" --username admin --grpc-web && argocd account update-password');
    expect(rows[login]).toContain('its plain gRPC does not pass an ingress that forwards HTTP/1.1 to the server');
    expect(token).toBeGreaterThan(login);
    expect(rows[token]).toContain('`argocd account generate-token --account ci`');
  });
});

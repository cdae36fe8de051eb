import * as yaml from 'js-yaml';
import { defineMobius } from '../charts/mobius';
import { bashParses, rows as ownerSteps, stepsOf } from './support/readme';
import { synthInMemory } from './support/synth';

// A sixth reading of the mobius design against the synthesized output: what the owner reaches, and how,
// once each cluster runs.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
const objects = (cluster: string): any[] => [...result.files.entries()]
  .filter(([file]) => file.startsWith(`mobius/${cluster}/`) && file.endsWith('.yaml'))
  .flatMap(([, text]) => yaml.loadAll(text)).filter((o): o is any => (o as any)?.metadata !== undefined);
/** The host names of a cluster's IngressRoutes, as Traefik reads them. */
const routeNames = (cluster: string) => objects(cluster).filter((o) => o.kind === 'IngressRoute')
  .flatMap((o) => o.spec.routes.flatMap((r: any) => [...String(r.match).matchAll(/(?<!!)Host\(`([^`]+)`\)/g)].map((m) => m[1]))).sort();

describe("mobius: the sandbox's routes, which no record names, are reached at N5's node port", () => {
  const steps = ownerSteps(readme('sandbox'));
  const [what, command] = steps[stepsOf(steps)("sandbox's routes (")];

  test('the step names every route of the sandbox, and why no DNS answers for them', () => {
    const names = routeNames('sandbox');
    expect(names).toEqual(['podinfo.sandbox.jax-lab.dev', 'uptime.sandbox.jax-lab.dev']);
    expect(what).toContain(`sandbox's routes (${names.join(', ')}) resolve nowhere: no DNS record names them (the design routes no production traffic to the sandbox`);
    // Nothing of the sandbox writes a record: it runs no external-dns, and homelab's writes none of its names.
    expect(objects('sandbox').some((o) => o.kind === 'DNSEndpoint' || o.metadata.annotations?.['external-dns.alpha.kubernetes.io/target'])).toBe(false);
    expect(objects('homelab').flatMap((o) => o.kind === 'DNSEndpoint' ? o.spec.endpoints.map((e: any) => e.dnsName) : []).some((n: string) => n.endsWith('.sandbox.jax-lab.dev'))).toBe(false);
  });

  test("curl is told each name's address, N5's, and the HTTPS node port its worker container publishes there, accepting Traefik's default certificate", () => {
    const service = objects('sandbox').find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'traefik').spec.values;
    const port = service.ports.websecure.nodePort;
    expect(port).toBe(30443);
    // The sandbox's Traefik has no certificate resolver: its routes carry Traefik's own default certificate.
    expect(service.certificatesResolvers).toBeUndefined();
    expect(readme('sandbox')).toContain(`-p ${port}:${port}`);
    expect(what).toContain(`its Traefik answers at 192.168.4.5, port ${port}, with Traefik's own self-signed default certificate`);
    expect(bashParses(command)).toBe(true);
    expect(command.split('; ')).toEqual(routeNames('sandbox').map((name) =>
      `curl -sSk --resolve ${name}:${port}:192.168.4.5 -o /dev/null -w "${name} %{http_code}\\n" https://${name}:${port}`));
  });
});

describe("mobius: the design's failure domains say what breaks when the VPS does, as they do for N5 and the M1", () => {
  const steps = ownerSteps(readme('cloud'));
  const [what] = steps[stepsOf(steps)('what breaks when the VPS does')];

  test("with the VPS down, no public name answers from outside, and homelab's names still answer inside through its Traefik", () => {
    expect(routeNames('cloud')).toEqual(['uptime.jax-lab.dev']);
    expect(what).toContain("while the VPS is down, no public name answers from outside, neither its own (uptime.jax-lab.dev) nor homelab's it proxies (home.jax-lab.dev, id.jax-lab.dev)");
    expect(what).toContain("inside, homelab's names keep answering, as AdGuard Home resolves them to homelab's Traefik (192.168.8.50), the design's partition resilience");
  });

  test("with only its Twingate route cut, the VPS serves its own names, the catch-all fails, and cloud's worker is without its control plane on N5", () => {
    expect(what).toContain('While only its Twingate route to N5 is cut, the VPS still serves uptime.jax-lab.dev, the catch-all answers home.jax-lab.dev, id.jax-lab.dev with a gateway error');
    expect(what).toContain("cloud's worker loses its control plane on N5 (192.168.4.5): its pods keep running and its kubelet restarts their containers, but no pod is created or changed and its Flux applies nothing");
  });
});

describe("mobius: the management cluster's kubectl context, which every k0s step uses, reaches its API server from the owner's machine", () => {
  test.each(['homelab', 'cloud', 'sandbox'])("%s: the first step publishes the management cluster's 6443 on N5 and names N5's address in its certificate", (cluster) => {
    const steps = ownerSteps(readme(cluster));
    const first = stepsOf(steps)("first, N5's k0s management cluster");
    const [what] = steps[first];
    expect(what).toContain("the commands below name its kubectl context $MANAGEMENT_CLUSTER (whose server is its own API server at N5's address, https://192.168.4.5:6443: "
      + "the container publishes port 6443 there as well, and its k0s configuration lists N5's address among the names of its certificate, spec.api.sans");
    // Every later step that asks the management cluster goes through that context.
    const later = steps.slice(first + 1).filter(([text, command]) => `${text} ${command}`.includes('--context "$MANAGEMENT_CLUSTER"'));
    expect(later.length).toBeGreaterThan(0);
    // 6443 is no node port any cluster publishes on N5, nor one homelab's Services take there.
    expect(readme(cluster)).not.toMatch(/-p 6443:/);
    expect(readme('homelab')).toContain('node-port range 31446-32767');
  });
});

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

import { Harbor, SecretReference, traefik } from '../../constructs';
import { synthCluster } from './support';

// Harbor writes externalURL into token realms and pull commands: it must be where docker clients connect.
describe("Harbor's externalURL", () => {
  const harbor = () => ({
    route: { host: 'registry' }, adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
    internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
  });
  const externalUrl = (manifests: any[]) => JSON.stringify(manifests).match(/externalURL[^,]*/)?.[0];

  test("names Traefik's HTTPS node port when the ingress is served from node ports", () => {
    const { manifests, errors } = synthCluster((chart) => new Harbor(chart, 'harbor', harbor()), { routes: traefik({ nodePorts: true }) });
    expect(errors).toEqual([]);
    expect(externalUrl(manifests)).toContain('https://registry.lab.example:30443');
  });

  test('names the host alone behind a load-balanced ingress', () => {
    const { manifests, errors } = synthCluster((chart) => new Harbor(chart, 'harbor', harbor()));
    expect(errors).toEqual([]);
    expect(externalUrl(manifests)).toMatch(/https:\/\/registry\.lab\.example(?!:)/);
  });
});

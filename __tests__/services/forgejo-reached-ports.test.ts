import { Forgejo, traefik } from '../../constructs';
import { envOf, synthCluster } from './support';

// Forgejo writes its own address into every page and clone URL: it must be the one clients reach.
describe('Forgejo behind Traefik served from node ports', () => {
  test('clone URLs name node port 30022 and ROOT_URL node port 30443; the pod still listens on 2222', () => {
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', { route: { host: 'git' } }), { routes: traefik({ nodePorts: true }) });
    expect(errors).toEqual([]);
    expect(envOf(find('Deployment', 'forgejo'))).toMatchObject({
      GITEA__server__ROOT_URL: 'https://git.lab.example:30443/',
      GITEA__server__SSH_PORT: '30022',
      GITEA__server__SSH_LISTEN_PORT: '2222',
    });
    expect(find('IngressRouteTCP').spec.entryPoints).toEqual(['ssh']);
  });

  test('a TCP entry point of its own port is reached on the range start plus that port', () => {
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', { route: { host: 'git' }, ssh: { port: 2222 } }), {
      routes: traefik({ nodePorts: true, tcpEntryPoints: { ssh: 2222 } }),
    });
    expect(errors).toEqual([]);
    expect(envOf(find('Deployment', 'forgejo'))).toMatchObject({ GITEA__server__SSH_PORT: '32222' });
  });

  test('a load-balanced Traefik leaves the usual ports in the URLs', () => {
    const { find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', { route: { host: 'git' } }));
    expect(errors).toEqual([]);
    expect(envOf(find('Deployment', 'forgejo'))).toMatchObject({ GITEA__server__ROOT_URL: 'https://git.lab.example/', GITEA__server__SSH_PORT: '22' });
  });
});

describe('Forgejo given its route after construction', () => {
  test('addRoute makes the first route its address, as a route in the props does; settings the user chose stay', () => {
    const { find, errors } = synthCluster((chart) => {
      const forgejo = new Forgejo(chart, 'forgejo', { settings: { server: { DOMAIN: 'forge.example' } } });
      forgejo.addRoute({ host: 'git' });
      expect(forgejo.serverSettings.ROOT_URL).toBe('https://git.lab.example/');
    });
    expect(errors).toEqual([]);
    expect(envOf(find('Deployment', 'forgejo'))).toMatchObject({
      GITEA__server__ROOT_URL: 'https://git.lab.example/',
      GITEA__server__SSH_DOMAIN: 'git.lab.example',
      GITEA__server__DOMAIN: 'forge.example',
    });
  });
});

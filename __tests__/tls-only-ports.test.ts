import type { Construct } from 'constructs';
import { HomelabApp, rootInitExemption } from '../constructs';
import type { AppProps } from '../constructs';
import { tlsOnlyPort } from '../constructs/app/tls-only-ports';
import { oneNodeLab } from './support/lab-sites';
import { shownFindings } from './support/lab-output';

// Web UIs that answer only TLS on their usual port, reached the way their guides reach them: in HTTPS through
// appProtocol, or in plain HTTP on the port that serves it. The refused forms are in the bad-input corpus.

const linuxserverInit: AppProps['exemptions'] = {
  runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'),
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
};
const SELF_SIGNED = 'the app signs its own certificate';

/** A one-node lab with the App `ui` of `image` and `props`, in namespace `ui`. */
const uiLab = (image: string, props: Partial<AppProps>) => (scope: Construct) => {
  new HomelabApp(oneNodeLab(scope, 'tls', '192.168.77'), 'ui', { namespace: 'ui', image, ...props });
};

describe('web UIs whose port answers only TLS', () => {
  test.each<[string, string, number, Record<string, string>]>([
    ['lscr.io/linuxserver/unifi-network-application:8.6.9', 'The UniFi Network Application', 8443, {}],
    ['jacobalberty/unifi:v8.6.9', 'The UniFi Network Application', 8443, {}],
    ['portainer/portainer-ce:2.21.4', 'Portainer', 9443, {}],
    ['mbentley/omada-controller:5.14', 'The Omada controller', 8043, {}],
    ['lscr.io/linuxserver/webtop:ubuntu-xfce', "linuxserver.io's browser desktop", 3001, {}],
    ['kasmweb/desktop:1.16.0', "Kasm's workspace image", 6901, {}],
    ['quay.io/keycloak/keycloak:26.0.5', 'Keycloak', 8443, { KC_DB: 'postgres' }],
    ['kanidm/server:1.5.0', 'Kanidm', 8443, {}],
    ['kanidm/server:1.5.0', 'Kanidm', 9443, { KANIDM_BINDADDRESS: '[::]:9443' }],
  ])('%s is known as %s, on %d', (image, app, port, env) => {
    expect(tlsOnlyPort(image, port, env)?.app).toBe(app);
  });

  test.each<[string, number, Record<string, string>]>([
    ['portainer/portainer-ce:2.21.4', 9000, {}],
    ['lscr.io/linuxserver/webtop:ubuntu-xfce', 3000, {}],
    ['lscr.io/linuxserver/webtop:ubuntu-xfce', 3001, { CUSTOM_HTTPS_PORT: '3443' }],
    ['kanidm/server:1.5.0', 8443, { KANIDM_BINDADDRESS: '[::]:9443' }],
    ['quay.io/keycloak/keycloak:26.0.5', 8443, { KC_HTTPS_PORT: '9443' }],
    ['nginxinc/nginx-unprivileged:1.27.0', 8443, {}],
    ['ghcr.io/acme/portainer/portainer-ce-exporter:1.0', 9443, {}],
  ])('%s on %d is not judged', (image, port, env) => {
    expect(tlsOnlyPort(image, port, env)).toBeUndefined();
  });

  test("the UniFi Network Application routed in HTTPS, as its port's appProtocol says, synthesizes clean", () => {
    expect(shownFindings(uiLab('lscr.io/linuxserver/unifi-network-application:8.6.9', {
      ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'inform', port: 8080 }],
      probes: { readiness: { httpPath: '/status', port: 8443 } }, route: { host: 'unifi' },
      exemptions: { ...linuxserverInit, unverifiedBackendTls: SELF_SIGNED },
    }))).toEqual([]);
  });

  test("Webtop routed to its plain HTTP port 3000, and Portainer probed in HTTPS on 9443, synthesize clean", () => {
    expect(shownFindings(uiLab('lscr.io/linuxserver/webtop:ubuntu-xfce-version-2024.12.01', {
      ports: [{ name: 'http', port: 3000 }, { name: 'https', port: 3001 }], route: { host: 'desk' }, exemptions: linuxserverInit,
    })).filter((f) => /TLS/.test(f))).toEqual([]);
    expect(shownFindings(uiLab('portainer/portainer-ce:2.21.4', {
      ports: [{ name: 'https', port: 9443, appProtocol: 'https' }], probes: { readiness: { httpPath: '/api/system/status' } },
    })).filter((f) => /TLS/.test(f))).toEqual([]);
  });
});

import { App, ClusterChart, rootInitExemption } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, raw } from './lab';

// Web UIs that answer only TLS on their usual port, with a certificate they sign themselves (the UniFi Network
// Application on 8443, Portainer on 9443, linuxserver.io's Webtop on 3001, Keycloak on 8443), reached in plain HTTP:
// by a route, which then shows a 400 for every page, or by an HTTP probe, which never passes.

/** The App `ui` of `image`, with `props` laid over it. */
const ui = (image: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, 'ui', { image, ...props }));

/** linuxserver.io's init run as the image is built. */
const linuxserverInit: AppProps['exemptions'] = {
  runAsRoot: 'its init starts as root, then runs the app as PUID:PGID', addCapabilities: rootInitExemption('supervisor', 'switches to PUID:PGID'),
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
};

/** A hand-written Deployment `w` of `image` whose readiness probe asks port `https` (`port`) in plain HTTP. */
const handWritten = (image: string, port: number) => guarded((cluster: ClusterChart) => raw(cluster, 'w', goodDeployment('web', {
  containers: [goodContainer({ image, ports: [{ name: 'https', containerPort: port }], readinessProbe: { httpGet: { path: '/', port: 'https' } } })],
})));

export const CASES: BadInput[] = [
  {
    name: "a route to the UniFi Network Application's 8443 in plain HTTP",
    build: ui('lscr.io/linuxserver/unifi-network-application:8.6.9', { ports: [{ name: 'https', port: 8443 }, { name: 'inform', port: 8080 }], route: { host: 'unifi' }, exemptions: linuxserverInit }),
    layer: 'references', path: 'ui', field: 'ports.https.appProtocol', hint: /appProtocol: 'https'.*unverifiedBackendTls/,
  },
  {
    name: "a route to Webtop's HTTPS port 3001 in plain HTTP",
    build: ui('lscr.io/linuxserver/webtop:ubuntu-xfce-version-2024.12.01', { ports: [{ name: 'web', port: 3001 }], route: { host: 'desk' }, exemptions: linuxserverInit }),
    layer: 'references', path: 'ui', field: 'ports.web.appProtocol', hint: /plain HTTP port 3000/,
  },
  {
    name: "Portainer's HTTPS port probed in plain HTTP",
    build: ui('portainer/portainer-ce:2.21.4', { ports: [{ name: 'https', port: 9443 }], probes: { readiness: { httpPath: '/api/system/status' } } }),
    layer: 'props', path: 'ui', field: 'ports.https.appProtocol', hint: /plain HTTP port 9000/,
  },
  {
    name: "a hand-written Keycloak whose readiness probe asks 8443 in plain HTTP",
    build: handWritten('quay.io/keycloak/keycloak:26.0.5', 8443),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].readinessProbe.httpGet.scheme', hint: /scheme: HTTPS/,
  },
];

import type { ClusterChart } from '../../constructs';
import { goodContainer, goodDeployment, labApp, raw } from './lab';
import type { BadInput } from './cases';

// A workload that reads its settings from a ConfigMap through envFrom calls the addresses in it as it calls
// an env entry's: the call checks read them too, on the ConfigMap's key.

/**
 * App `api` (Service api.api on 8080, given `api` props), and a hand-written Deployment `web` that reads ConfigMap
 * `web-env`'s `data` through envFrom; `container` changes its container, `annotations` are its pod's.
 */
export const webReadingEnvFrom = (data: Record<string, string>, container: Record<string, unknown> = {}, api: Record<string, unknown> = {}, annotations?: Record<string, string>) => (cluster: ClusterChart) => {
  labApp('api', api)(cluster);
  raw(cluster, 'web-env', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-env', namespace: 'web' }, data });
  raw(cluster, 'web', goodDeployment('web', { containers: [goodContainer({ envFrom: [{ configMapRef: { name: 'web-env' } }], ...container })] }, {}, annotations));
};

export const CASES: BadInput[] = [
  {
    name: 'a ConfigMap read through envFrom whose URL calls a Service on a port it does not serve',
    build: webReadingEnvFrom({ API_URL: 'http://api.api:9999', LOG_LEVEL: 'info' }),
    layer: 'references', path: 'web-env', field: 'data.API_URL', message: /env API_URL \(from ConfigMap web-env\) calls Service api\.api on port 9999/, hint: /serves 8080/,
  },
  {
    name: 'a ConfigMap read through envFrom whose host and port call a Service its policy keeps the workload from',
    build: webReadingEnvFrom({ API_HOST: 'api.api', API_PORT: '8080' }),
    layer: 'policy', path: 'web-env', field: 'data.API_HOST', message: /admits nothing from this app's pods/,
  },
];

import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the bad-input corpus (cases-one-message.ts) cannot say: that each of these mistakes gives exactly
// one error, on the prop the user wrote.

/** The errors of the lab cluster after `build`, as `[layer] path field: message`. */
function errorsOf(build: (cluster: ClusterChart) => void): string[] {
  const app = new CdkApp();
  guarded(build)(labCluster(app));
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

const web = (props: Record<string, unknown>) => (cluster: ClusterChart) =>
  new App(cluster, 'web', { image: 'nginx:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

/** Matches the one error expected: `layer`, construct path `path` under `main/`, field `field`. */
const oneError = (layer: string, path: string, field: string) =>
  [expect.stringMatching(new RegExp(`^\\[${layer}\\] main/${path} ${field.replace(/[.[\]]/g, '\\$&')}: `))];

test.each([
  ['a lower-case udp port protocol', { ports: [{ name: 'dns', port: 53, protocol: 'udp' }] }, 'ports[0].protocol'],
  ['an SCTP port protocol', { ports: [{ name: 'sig', port: 3868, protocol: 'SCTP' }] }, 'ports[0].protocol'],
  ['the namespace default', { namespace: 'default' }, 'namespace'],
  ['the namespace kube-system', { namespace: 'kube-system' }, 'namespace'],
])('%s is one error, on the prop', (_name, props, field) => {
  expect(errorsOf(web(props))).toEqual(oneError('props', 'web', field));
});

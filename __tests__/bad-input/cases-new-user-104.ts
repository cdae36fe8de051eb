import { AppVolume, HomelabApp, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A new user's backup servers for the household's computers from the README alone: restic's REST server on the
// NAS, Duplicati behind a route. These mistakes passed synthesis: the REST server given its flags as args, as its
// README writes them, which replace the image's start script, so the container ran "--append-only" as a program;
// the server started by name without --path, which kept every repository in the pod's scratch /tmp; and Duplicati
// told to allow host names that leave out its route's, which refused every visit through the route.

/** restic's REST server in namespace `backup` on the NAS, given `props`. */
const restServer = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'rest-server', {
  namespace: 'backup', image: 'restic/rest-server:0.13.0', ports: [{ name: 'http', port: 8000 }],
  persistence: { data: { volume: AppVolume.nfs(lab.nfs.share, 'restic'), mountPath: '/data' } }, ...props,
} as never));

export const CASES: BadInput[] = [
  {
    name: "restic's REST server given --append-only and --private-repos as args",
    build: restServer({ args: ['--append-only', '--private-repos'] }),
    layer: 'props', path: 'rest-server', field: 'args[0]', message: /no entrypoint/, hint: /OPTIONS: '--append-only --private-repos'/,
  },
  {
    name: "restic's REST server started by name without --path",
    build: restServer({ command: ['rest-server', '--append-only', '--listen', ':8000'] }),
    layer: 'props', path: 'rest-server', field: 'command[0]', message: /\/tmp\/restic/, hint: /'--path', '\/data'/,
  },
  {
    name: 'Duplicati behind a route allowing only a host name other than its route\'s',
    build: guarded((cluster: ClusterChart) => new HomelabApp(cluster, 'duplicati', {
      namespace: 'backup', image: 'duplicati/duplicati:2.1.0.5_stable_2025-03-04', ports: [{ name: 'http', port: 8200 }],
      env: {
        SETTINGS_ENCRYPTION_KEY: SecretReference.external('backup', 'duplicati', 'settings-key'),
        DUPLICATI__WEBSERVICE_ALLOWED_HOSTNAMES: 'duplicati.local',
      },
      persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '2Gi' }), mountPath: '/data' } },
      route: { host: 'duplicati' },
    } as never)),
    layer: 'props', path: 'duplicati', field: 'env.DUPLICATI__WEBSERVICE_ALLOWED_HOSTNAMES', message: /leave out duplicati\.lab\.test/, hint: /'duplicati\.local;duplicati\.lab\.test'/,
  },
];

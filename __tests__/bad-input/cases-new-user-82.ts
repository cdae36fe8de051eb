import { App, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user serves remote desktops in the browser from the README alone: Apache Guacamole's web app beside guacd,
// a RustDesk server, a linuxserver.io Webtop and noVNC. Each mistake passed synthesis and then left the pod never
// ready or the clients unable to register.

/** Guacamole's web app on 8080 beside guacd, its probes and variables changed by `props`. */
const guacamole = (props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, 'guacamole', {
  image: 'guacamole/guacamole:1.5.5', ports: [{ name: 'http', port: 8080 }], route: { host: 'guac' },
  ...props, env: { GUACD_HOSTNAME: 'guacd', GUACD_PORT: '4822', ...props.env },
}));
/** RustDesk's ID server, hbbs, of `image` started by `start`, declaring `ports`. */
const rustdesk = (image: string, start: Partial<AppProps>, ports: AppProps['ports']) => guarded((cluster: ClusterChart) => new App(cluster, 'rustdesk', {
  image, ports, ...start, exemptions: { runAsRoot: 'the image runs hbbs as root and keeps its key pair under /root' },
}));
const TCP_ONLY = [{ name: 'nat', port: 21115 }, { name: 'id', port: 21116 }, { name: 'relay', port: 21117 }, { name: 'web', port: 21118 }];

export const CASES: BadInput[] = [
  {
    name: "Guacamole probed at the root while its web app is deployed at /guacamole/", build: guacamole({ probes: { readiness: { httpPath: '/' } } }),
    layer: 'props', path: 'guacamole', field: 'probes.readiness.httpPath', hint: /WEBAPP_CONTEXT: 'ROOT'/,
  },
  {
    name: "Guacamole probed at /guacamole/ after WEBAPP_CONTEXT moved its web app", build: guacamole({ env: { WEBAPP_CONTEXT: 'remote' }, probes: { liveness: { httpPath: '/guacamole/' } } }),
    layer: 'props', path: 'guacamole', field: 'probes.liveness.httpPath', hint: /httpPath: '\/remote\/'/,
  },
  {
    name: 'RustDesk hbbs declaring its registration port 21116 for TCP alone', build: rustdesk('rustdesk/rustdesk-server:1.1.14', { command: ['hbbs'], args: ['-r', 'rustdesk.lab.test:21117'] }, TCP_ONLY),
    layer: 'props', path: 'rustdesk', field: 'ports[1]', hint: /protocol: 'UDP'/,
  },
  {
    name: "RustDesk's all-in-one s6 image declaring 21116 for TCP alone", build: rustdesk('rustdesk/rustdesk-server-s6:1.1.14', {}, [...TCP_ONLY, { name: 'web-relay', port: 21119 }]),
    layer: 'props', path: 'rustdesk', field: 'ports[1]', message: /UDP 21116/,
  },
];

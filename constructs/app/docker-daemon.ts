import type { PropProblem } from '../validation/known-props';
import { underMount, type PropContainerMounts } from './prop-containers';

// Docker's own daemon image (`docker:<version>-dind`), run beside a CI runner (Forgejo's and Gitea's act_runner,
// a GitLab runner) that builds images through it. dockerd mounts filesystems, makes network namespaces and
// writes iptables rules: it needs a privileged container, rootless or not. Its entrypoint serves the Docker API
// on TCP as well as on its own socket, on 2376 with TLS unless `DOCKER_TLS_CERTDIR` is empty, then on 2375 in
// the clear; with TLS it writes the client's certificates under `$DOCKER_TLS_CERTDIR/client` (`/certs/client`).

/** Docker's daemon image, rootful or rootless, by its reference. */
const DOCKER_DAEMON_IMAGE = /^(?:docker\.io\/)?(?:library\/)?docker:(?:[\w.-]+-)?dind(?:-rootless)?(?:@.+)?$/;

/** Where rootful dockerd keeps its images and containers (its `--data-root`). */
const ROOTFUL_DATA_ROOT = '/var/lib/docker';
/** Where the rootless image's dockerd keeps them: its user's `~/.local/share/docker`. */
const ROOTLESS_DATA_ROOT = '/home/rootless/.local/share/docker';

/**
 * The folders dockerd writes as it starts, each as the folders a volume may be mounted at to hold it: its data
 * root, and its socket, pid file and containerd's state under `/var/run` (the image's link to `/run`), or the
 * rootless daemon's `XDG_RUNTIME_DIR`, `/run/user/1000`. On a read-only root each needs a volume.
 */
const ROOTFUL_STATE_FOLDERS: readonly (readonly string[])[] = [[ROOTFUL_DATA_ROOT], ['/var/run', '/run']];
const ROOTLESS_STATE_FOLDERS: readonly (readonly string[])[] = [[ROOTLESS_DATA_ROOT], ['/run/user/1000']];

/** Where the daemon's entrypoint writes its certificates unless `DOCKER_TLS_CERTDIR` says. */
const DEFAULT_TLS_CERT_DIR = '/certs';

/** How a Docker daemon container serves the Docker API on TCP: its port and whether it speaks TLS there. */
export interface DockerDaemonListener {
  readonly port: number;
  readonly tls: boolean;
  /** The folder the client's certificates are written to, with TLS. */
  readonly clientCertDir?: string;
}

/**
 * Where a container of `image` with `certDir` as its `DOCKER_TLS_CERTDIR` (undefined: not set) serves the
 * Docker API on TCP, or undefined for an image that runs no Docker daemon. Pure.
 */
export function dockerDaemonListener(image: unknown, certDir: unknown): DockerDaemonListener | undefined {
  if (typeof image !== 'string' || !DOCKER_DAEMON_IMAGE.test(image)) {
    return undefined;
  }
  if (certDir === '') {
    return { port: 2375, tls: false };
  }
  const dir = typeof certDir === 'string' ? certDir.replace(/\/+$/, '') : DEFAULT_TLS_CERT_DIR;
  return { port: 2376, tls: true, clientCertDir: `${dir}/client` };
}

/** How the loopback check tells a call of a port the daemon does not serve: what it serves, and how to call it. */
export function dockerDaemonListenerHint(listener: DockerDaemonListener): string {
  return listener.tls
    ? `dockerd listens on 2376 with TLS, as DOCKER_TLS_CERTDIR is not empty: call tcp://localhost:2376 with DOCKER_TLS_VERIFY: '1' and the client certificates, or give the daemon's container DOCKER_TLS_CERTDIR: '' to serve 2375 in the clear, on the pod's loopback alone`
    : "dockerd listens on 2375 in the clear, as DOCKER_TLS_CERTDIR is empty: call tcp://localhost:2375, without DOCKER_TLS_VERIFY";
}

function envOf(container: PropContainerMounts['container']): Record<string, unknown> {
  return container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
}

/**
 * Docker daemon containers of an app that would not serve their clients, on the props that wrote them: one
 * without `exemptions.privileged` (or, rootful, without `exemptions.runAsRoot`), or on a read-only root without a
 * volume at each folder dockerd writes as it starts (`exemptions.writableRootFilesystem`), where dockerd exits at
 * its start; and a container of the same pod whose `DOCKER_HOST` names the daemon's socket (`unix:///var/run/docker.sock`)
 * in a folder it shares with no volume, which is no socket in its own filesystem, or its TLS port without
 * `DOCKER_TLS_VERIFY` or without the client certificates the daemon writes mounted at `DOCKER_CERT_PATH`, or at a
 * host of one name (compose's `tcp://docker:2376`) where the daemon answers on the pod's loopback. A call
 * of a port the daemon does not serve is the loopback check's (see `dockerDaemonListener`). Pure.
 */
export function dockerDaemonProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  const daemons = containers.flatMap((entry) => {
    const listener = dockerDaemonListener(entry.container.image, envOf(entry.container).DOCKER_TLS_CERTDIR);
    return listener === undefined ? [] : [{ entry, listener }];
  });
  if (daemons.length === 0) {
    return [];
  }
  const problems: PropProblem[] = [];
  for (const { entry: { container, prefix, mountPaths } } of daemons) {
    const rootless = String(container.image).includes('rootless');
    const stateFolders = rootless ? ROOTLESS_STATE_FOLDERS : ROOTFUL_STATE_FOLDERS;
    const readOnlyState = container.exemptions?.writableRootFilesystem === undefined
      && !stateFolders.every((folders) => folders.some((folder) => underMount(folder, mountPaths)));
    const missing = [
      ...(container.exemptions?.privileged === undefined ? [`privileged: 'dockerd mounts filesystems and writes iptables rules'`] : []),
      ...(!rootless && container.exemptions?.runAsRoot === undefined ? [`runAsRoot: 'dockerd runs as root'`] : []),
      ...(readOnlyState ? [`writableRootFilesystem: 'dockerd writes its socket, pid file and state'`] : []),
    ];
    if (missing.length === 0) {
      continue;
    }
    const unprivileged = container.exemptions?.privileged === undefined || (!rootless && container.exemptions?.runAsRoot === undefined);
    const dataRoot = rootless ? ROOTLESS_DATA_ROOT : ROOTFUL_DATA_ROOT;
    problems.push({
      field: `${prefix}exemptions.${container.exemptions?.privileged === undefined ? 'privileged' : unprivileged ? 'runAsRoot' : 'writableRootFilesystem'}`,
      message: unprivileged
        ? `image "${String(container.image)}" runs the Docker daemon, which needs a privileged container${rootless ? ' even rootless' : ' run as root'} to mount its storage and make its networks: under the secure defaults dockerd exits at its start and every job that calls it fails`
        : `image "${String(container.image)}" runs the Docker daemon, which writes its socket and pid file under ${rootless ? '/run/user' : '/var/run'} and its images and containers under ${dataRoot}; the container's root filesystem is read-only with no volume there: dockerd exits at its start and every job that calls it fails`,
      hint: `${prefix}exemptions: { ${missing.join(', ')} }`
        + (underMount(dataRoot, mountPaths) ? '' : `; and give ${dataRoot} an emptyDir, as dockerd's overlay2 cannot layer its images on the container's own overlay root: persistence: { docker: { volume: AppVolume.emptyDir(), mountPath: '${dataRoot}', containers: ['${String(container.name)}'] } }`),
    });
  }
  const [{ entry: daemon, listener }] = daemons;
  for (const { container, prefix, mountPaths } of containers) {
    const env = envOf(container);
    const dockerHost = env.DOCKER_HOST;
    if (daemons.some((d) => d.entry.container === container) || typeof dockerHost !== 'string') {
      continue;
    }
    const socket = /^unix:\/\/(\/.+)$/.exec(dockerHost.trim());
    if (socket) {
      const folder = socket[1].replace(/\/[^/]+$/, '') || '/';
      if (!underMount(folder, mountPaths) || !underMount(folder, daemon.mountPaths)) {
        problems.push({
          field: `${prefix}env.DOCKER_HOST`,
          message: `DOCKER_HOST is "${dockerHost}", but the Docker daemon runs in container ${String(daemon.container.name)}, whose socket is in its own filesystem: no volume shares ${folder} between the two, so every call finds no socket ("Cannot connect to the Docker daemon")`,
          hint: `call the daemon on the pod's loopback: DOCKER_HOST: 'tcp://localhost:${listener.port}'${listener.tls ? ` with DOCKER_TLS_VERIFY: '1' and DOCKER_CERT_PATH: '${listener.clientCertDir}' from a volume both containers mount` : ''}`,
        });
      }
      continue;
    }
    // compose and GitLab CI name the daemon's container (`tcp://docker:2376`), which a pod's DNS does not
    // resolve: its containers share one network namespace, and the daemon answers on the pod's loopback.
    const named = /^tcp:\/\/([a-z0-9][a-z0-9_-]*):\d+\/?$/i.exec(dockerHost.trim());
    if (named && named[1].toLowerCase() !== 'localhost') {
      problems.push({
        field: `${prefix}env.DOCKER_HOST`,
        message: `DOCKER_HOST is "${dockerHost}", the name compose gives the daemon's container; in a pod the Docker daemon runs in container ${String(daemon.container.name)} beside it, which no Service named ${named[1]} reaches: every call fails to resolve the host`,
        hint: `call the daemon on the pod's loopback: DOCKER_HOST: 'tcp://localhost:${listener.port}'${listener.tls ? ` with DOCKER_TLS_VERIFY: '1' and DOCKER_CERT_PATH: '${listener.clientCertDir}'` : ''}`,
      });
      continue;
    }
    const port = /^tcp:\/\/(?:localhost|127\.0\.0\.1):(\d+)\/?$/.exec(dockerHost.trim());
    if (!port || Number(port[1]) !== listener.port || !listener.tls) {
      continue;
    }
    const certPath = env.DOCKER_CERT_PATH;
    if (env.DOCKER_TLS_VERIFY === undefined || env.DOCKER_TLS_VERIFY === '' || env.DOCKER_TLS_VERIFY === '0') {
      problems.push({
        field: `${prefix}env.DOCKER_HOST`,
        message: `DOCKER_HOST is "${dockerHost}", where dockerd speaks TLS, and DOCKER_TLS_VERIFY is not set: the client speaks plain HTTP to it ("Client sent an HTTP request to an HTTPS server")`,
        hint: `set DOCKER_TLS_VERIFY: '1' and DOCKER_CERT_PATH: '${listener.clientCertDir}', mounted from a volume the daemon's container mounts at ${listener.clientCertDir!.replace(/\/client$/, '')}; or give the daemon DOCKER_TLS_CERTDIR: '' and call tcp://localhost:2375`,
      });
    } else if (typeof certPath !== 'string' || !underMount(certPath.replace(/\/+$/, ''), mountPaths) || !underMount(listener.clientCertDir!, daemon.mountPaths)) {
      problems.push({
        field: `${prefix}env.DOCKER_CERT_PATH`,
        message: `DOCKER_HOST is "${dockerHost}" with TLS, but ${typeof certPath === 'string' ? `DOCKER_CERT_PATH ${certPath}` : 'the client certificate folder'} is no volume shared with container ${String(daemon.container.name)}, which writes the certificates under ${listener.clientCertDir}: the client has no certificate to present and every call fails`,
        hint: `mount one volume (an emptyDir) in both containers, at ${listener.clientCertDir!.replace(/\/client$/, '')} in ${String(daemon.container.name)} and at the same path here, and set DOCKER_CERT_PATH: '${listener.clientCertDir}'`,
      });
    }
  }
  return problems;
}

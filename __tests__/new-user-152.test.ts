// A new user's developer platform at home, from the README alone: Forgejo on PostgreSQL with an Actions runner
// that builds images in a Docker-in-Docker sidecar, a private registry (registry:2, basic auth from an htpasswd
// Secret) beside a pull-through cache of Docker Hub, the user's own apps pulled from that registry with a pull
// Secret, Renovate on a schedule against Forgejo, and a code-server workspace with its home on a disk, all behind
// Traefik with Let's Encrypt. One K3s node whose second disk holds the registries' data, then a second node for
// the runners; Argo CD syncs it. Written the obvious way it synthesizes with no finding (the Docker daemon's
// sidecar needs a writable root and an emptyDir at /var/lib/docker beside the privileged and runAsRoot the README
// named, which it now says); the mistakes of someone new to this are each the finding on the field that holds them.
import type { Construct } from 'constructs';
import { JsonPatch } from 'cdk8s';
import {
  acmeHttp01, AppController, AppVolume, argoCd, ClusterChart, declareExternal, Forgejo, ForgejoDatabase, HomelabApp, host, k3s, localPathStorage, metalLb, renovate,
  hostPlacement, rolePlacement, SealedSecret, SecretReference, site, traefik,
} from '../constructs';
import type { AppProps, ForgejoProps, RenovateOptions, SealedSecretProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { synthInMemory } from './support/synth';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';

interface Changes {
  /** Props of an app, by its id, over the obvious ones. */
  readonly apps?: Record<string, Partial<AppProps>>;
  /** Forgejo's props over the obvious ones. */
  readonly forgejo?: Partial<ForgejoProps>;
  /** Renovate's options over the obvious ones. */
  readonly renovate?: Partial<RenovateOptions>;
  /** The SealedSecret of the registry's pull credentials, over the obvious one. */
  readonly pullSecret?: Partial<SealedSecretProps>;
  /** The site's Git URL, which Argo CD clones. */
  readonly gitUrl?: string;
  /** The first evening: the one node, the runner and Renovate on it too. */
  readonly oneNode?: boolean;
}

/** The registry's own host name, where the nodes pull the user's images from. */
const REGISTRY = 'registry.dev.jdoe.net';

/** What `kubeseal --raw` prints, in its layout: a 4096-bit key's wrapped session key, then the sealed payload. */
const SEALED = Buffer.concat([Buffer.from([2, 0]), Buffer.alloc(640, 0x5a)]).toString('base64');

function inventory(changes: Changes) {
  const devbox = host('devbox', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20', cores: 8, memoryGigabytes: 32,
    disks: [{ media: 'nvme', sizeGigabytes: 1000 }, { media: 'hdd', sizeGigabytes: 4000 }],
  });
  const builder = host('builder', {
    arch: 'amd64', roles: ['worker'], address: '192.168.1.21', cores: 8, memoryGigabytes: 16,
    disks: [{ media: 'ssd', sizeGigabytes: 500 }], workloadRoles: ['ci-cd'],
  });
  const hosts = changes.oneNode ? [devbox] : [devbox, builder];
  const home = site('home', {
    domain: 'dev.jdoe.net', hosts, git: { url: changes.gitUrl ?? 'https://git.dev.jdoe.net/jdoe/lab.git' },
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });
  return { devbox, builder, hosts, home };
}

const defineLab = (changes: Changes = {}) => guarded((scope: Construct) => {
  const { devbox, hosts, home } = inventory(changes);
  const app = (c: ClusterChart, id: string, props: AppProps) => new HomelabApp(c, id, { ...props, ...changes.apps?.[id] });
  const c = new ClusterChart(scope, 'main', {
    site: home, hosts, storage: { disk: localPathStorage() }, gitops: argoCd(),
    routes: traefik({ address: home.pools.vips.at('192.168.1.240'), certResolver: 'letsencrypt', acme: { letsencrypt: acmeHttp01({ email: 'jdoe@gmail.com' }) } }),
    loadBalancer: metalLb({ pools: [home.pools.vips] }),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  const disk = (size: string) => AppVolume.claim({ tier: 'disk', size });
  const ci = changes.oneNode ? { host: devbox } : { workloadRole: 'ci-cd' };

  // Forgejo and its database.
  const forgejo = new Forgejo(c, 'forgejo', {
    route: { host: 'git' }, storage: disk('50Gi'),
    database: ForgejoDatabase.postgres({ host: 'forgejo-db.forgejo.svc.cluster.local', password: SecretReference.external('forgejo', 'forgejo-db', 'password') }),
    settings: { service: { DISABLE_REGISTRATION: 'true' }, actions: { ENABLED: 'true' } },
    ...changes.forgejo,
  });
  app(c, 'forgejo-db', {
    namespace: 'forgejo', image: 'postgres:16.4', runAsUser: 999, runAsGroup: 999, controller: AppController.statefulSet(),
    ports: [{ name: 'postgres', port: 5432 }],
    env: {
      POSTGRES_USER: 'forgejo', POSTGRES_DB: 'forgejo', POSTGRES_PASSWORD: SecretReference.external('forgejo', 'forgejo-db', 'password'),
      PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    persistence: {
      data: { volume: disk('10Gi'), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
    allowFrom: [forgejo],
  });
  // The Actions runner, registered in an init container, building in a Docker-in-Docker sidecar.
  const runnerImage = 'code.forgejo.org/forgejo/runner:6.3.1';
  app(c, 'runner', {
    namespace: 'ci', image: runnerImage, placement: ci,
    command: ['sh', '-c', 'while ! nc -z localhost 2376 </dev/null; do echo waiting for docker; sleep 5; done; forgejo-runner daemon'],
    env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_CERT_PATH: '/certs/client', DOCKER_TLS_VERIFY: '1' },
    initContainers: [{
      name: 'register', image: runnerImage,
      command: ['forgejo-runner', 'register', '--no-interactive', '--instance', 'https://git.dev.jdoe.net', '--token', '$(RUNNER_TOKEN)', '--name', 'builder'],
      env: { RUNNER_TOKEN: SecretReference.external('ci', 'runner-token', 'token') },
    }],
    sidecars: [{
      name: 'docker', image: 'docker:27.4.1-dind', env: { DOCKER_TLS_CERTDIR: '/certs' },
      exemptions: { privileged: 'dockerd builds the images of the workflows', runAsRoot: 'dockerd runs as root', writableRootFilesystem: 'dockerd writes its socket, pid file and state' },
    }],
    persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/data', containers: ['runner', 'register'] },
      certs: { volume: AppVolume.emptyDir(), mountPath: '/certs', containers: ['runner', 'docker'] },
      docker: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/docker', containers: ['docker'] },
    },
    resources: { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
  });

  // The private registry and the pull-through cache of Docker Hub, both on the second disk.
  const registryEnv = { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'Registry Realm', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd' };
  app(c, 'registry', {
    namespace: 'registry', image: 'registry:2.8.3', ports: [{ name: 'http', port: 5000 }], placement: { host: devbox },
    env: registryEnv,
    persistence: {
      data: { volume: AppVolume.hostPath('/mnt/registry/private'), mountPath: '/var/lib/registry' },
      auth: { volume: AppVolume.secret('registry-htpasswd'), mountPath: '/auth' },
    },
    exemptions: { hostPath: 'the images live on the second disk, mounted at /mnt/registry' },
    route: { host: 'registry' },
  });
  app(c, 'hub-cache', {
    namespace: 'registry', image: 'registry:2.8.3', ports: [{ name: 'http', port: 5000 }], placement: { host: devbox },
    env: {
      REGISTRY_PROXY_REMOTEURL: 'https://registry-1.docker.io',
      REGISTRY_PROXY_USERNAME: 'jdoe', REGISTRY_PROXY_PASSWORD: SecretReference.external('registry', 'docker-hub', 'token'),
    },
    persistence: { data: { volume: AppVolume.hostPath('/mnt/registry/cache'), mountPath: '/var/lib/registry' } },
    exemptions: { hostPath: 'the cached layers live on the second disk, mounted at /mnt/registry' },
    route: { host: 'hub' },
  });

  // The Secrets made by hand: the htpasswd lines and Renovate's token for Forgejo.
  declareExternal(c, { secrets: [{ namespace: 'registry', name: 'registry-htpasswd' }, { namespace: 'renovate', name: 'renovate-token' }] });

  // The user's own app, pulled from the registry with a pull Secret.
  new SealedSecret(c, 'pull-secret', {
    namespace: 'apps', name: 'registry-pull', type: 'kubernetes.io/dockerconfigjson',
    encryptedData: { '.dockerconfigjson': SEALED }, ...changes.pullSecret,
  });
  const blog = app(c, 'blog', { namespace: 'apps', image: `${REGISTRY}/jdoe/blog:1.4.2`, ports: [{ name: 'http', port: 8080 }], route: { host: 'blog' } });
  blog.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/imagePullSecrets', [{ name: 'registry-pull' }]));

  // Renovate, nightly, against Forgejo.
  c.platform.require(renovate({
    placement: changes.oneNode ? hostPlacement(devbox) : rolePlacement(hosts, 'ci-cd'), repositories: ['jdoe/lab', 'jdoe/blog'], platform: 'gitea',
    endpoint: 'https://git.dev.jdoe.net/api/v1', tokenSecret: 'renovate-token', schedule: '0 4 * * *', ...changes.renovate,
  }));

  // The workspace, its home on the disk.
  app(c, 'code-server', {
    namespace: 'code', image: 'codercom/code-server:4.96.4', ports: [{ name: 'http', port: 8080 }],
    env: { PASSWORD: SecretReference.external('code', 'code-server', 'password') },
    persistence: { home: { volume: disk('20Gi'), mountPath: '/home/coder' } },
    resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
    route: { host: 'code' },
  });
});

const synthOf = (changes?: Changes) => synthInMemory(defineLab(changes));
const shown = (changes?: Changes) => shownFindings(synthOf(changes).findings);

describe('a developer platform at home, written the obvious way', () => {
  expectObviousLabClean(() => synthOf());
});

describe('the first evening: one node, the runner and Renovate on it', () => {
  expectObviousLabClean(() => synthOf({ oneNode: true }));
});

describe("the README's steps", () => {
  test("the step that makes Renovate's token, declared by name, writes the key Renovate reads", () => {
    const readme = synthOf().files.get('home/main/README.md') ?? '';
    expect(readme).toContain('kubectl -n renovate create secret generic renovate-token --from-literal=RENOVATE_TOKEN=…');
  });
});

/** The runner's env: the daemon's loopback with TLS, `env` over it. */
const runner = (env: Record<string, unknown>): Changes => ({ apps: { runner: { env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_CERT_PATH: '/certs/client', DOCKER_TLS_VERIFY: '1', ...env } as AppProps['env'] } } });

describe('the mistakes of someone new to this, each the finding on the field that holds it', () => {
  test.each<[string, Changes, string[]]>([
    ['the registry port of a compose file that published it on 5001', { apps: { registry: { ports: [{ name: 'http', port: 5001 }] } } }, [
      'error main/registry ports[0].port: image "registry:2.8.3" runs Distribution\'s registry, which listens on port 5000 unless env.REGISTRY_HTTP_ADDR moves it; the container declares 5001, where nothing listens: its Service and probes would reach nothing and the pod would never become ready | declare the port it listens on: { name: \'http\', port: 5000, servicePort: 5001 }; or listen on 5001: env.REGISTRY_HTTP_ADDR: \':5001\'',
    ]],
    ['the Docker Hub token written into the cache\'s env', { apps: { 'hub-cache': { env: { REGISTRY_PROXY_REMOTEURL: 'https://registry-1.docker.io', REGISTRY_PROXY_USERNAME: 'jdoe', REGISTRY_PROXY_PASSWORD: 'dckr_pat_2b3e36beeb386dfdaacb9b46004ccb31' } } } }, [
      'error main/hub-cache env.REGISTRY_PROXY_PASSWORD: REGISTRY_PROXY_PASSWORD is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { REGISTRY_PROXY_PASSWORD: SecretReference.external(\'registry\', \'hub-cache\', \'registry-proxy-password\') }',
    ]],
    ['the cache pointed at Docker Hub\'s web site', { apps: { 'hub-cache': { env: { REGISTRY_PROXY_REMOTEURL: 'https://hub.docker.com' } } } }, [
      'error main/hub-cache env.REGISTRY_PROXY_REMOTEURL: REGISTRY_PROXY_REMOTEURL "https://hub.docker.com" names Docker Hub\'s web site (hub.docker.com), which serves no Registry API: every pull through the cache fails | write the Registry API\'s address: REGISTRY_PROXY_REMOTEURL: \'https://registry-1.docker.io\'',
    ]],
    ['the htpasswd file named where the Secret is not mounted', { apps: { registry: { env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'Registry Realm', REGISTRY_AUTH_HTPASSWD_PATH: '/etc/docker/registry/htpasswd' } } } }, [
      'error main/registry env.REGISTRY_AUTH_HTPASSWD_PATH: REGISTRY_AUTH_HTPASSWD_PATH is /etc/docker/registry/htpasswd, under no volume of the container: the registry finds no file there and writes its own, whose one user is docker with a random password (on the read-only root it cannot, and exits), so the users of your htpasswd Secret are never read | name the file of the Secret the container mounts: REGISTRY_AUTH_HTPASSWD_PATH: \'/auth/htpasswd\', the Secret\'s key htpasswd',
    ]],
    ['the registry\'s data mounted at /data', { apps: { registry: { persistence: { data: { volume: AppVolume.hostPath('/mnt/registry/private'), mountPath: '/data' }, auth: { volume: AppVolume.secret('registry-htpasswd'), mountPath: '/auth' } } } } }, [
      'error main/registry image: image "registry:2.8.3" runs Distribution\'s registry, which keeps what is pushed to it in /var/lib/registry; nothing is mounted there and the root filesystem is read-only: every push would fail ("read-only file system") | mount the volume where the registry writes: persistence: { data: { …, mountPath: \'/var/lib/registry\' } }; or move its folder there with REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY: \'/data\'',
    ]],
    ['the second disk mounted as its device', { apps: { registry: { persistence: { data: { volume: AppVolume.hostPath('/dev/sdb'), mountPath: '/var/lib/registry' }, auth: { volume: AppVolume.secret('registry-htpasswd'), mountPath: '/auth' } } } } }, [
      'error main/registry persistence.data.volume: host path "/dev/sdb" is a device node, and the volume expects a folder there (type Directory, AppVolume.hostPath\'s default): the kubelet\'s type check would keep the pod from starting | give the type of what is there: AppVolume.hostPath(\'/dev/sdb\', \'BlockDevice\')',
    ]],
    ['the registry\'s data on the disk of whichever node it lands on', { apps: { registry: { placement: undefined } } }, [
      'warning main/registry persistence.data.volume: the host folder /mnt/registry/private is the folder of whichever node a pod lands on, and the pods may run on devbox, builder: a pod moved to another node finds that node\'s files, or none | place the app on the host that holds the folder: placement: { host: devbox }; or mount an NFS export in place of the folder',
    ]],
    ['the own image pulled by the registry\'s Service name', { apps: { blog: { image: 'registry.registry.svc.cluster.local:5000/jdoe/blog:1.4.2' } } }, [
      'error main/blog image: image "registry.registry.svc.cluster.local:5000/jdoe/blog:1.4.2" is pulled from registry.registry.svc.cluster.local:5000, a Service\'s name in the cluster\'s DNS: containerd pulls images on the node, whose resolver does not know the cluster\'s Service names, so the pod stays in ImagePullBackOff (at spec.template.spec.containers[0].image of Deployment apps/blog) | pull it from an address the nodes reach: the registry\'s route host or load balancer address (with TLS, or listed for the nodes\' containerd, as K3s\' /etc/rancher/k3s/registries.yaml lists a mirror)',
    ]],
    ['the pull Secret sealed without its type', { pullSecret: { type: undefined } }, [
      'error main/blog/deployment spec.template.spec.imagePullSecrets[0].name: Secret "registry-pull" is of type Opaque, and the kubelet pulls images only with a Secret of type kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg; it would pull without credentials | make the Secret of type kubernetes.io/dockerconfigjson with the key .dockerconfigjson (kubectl create secret docker-registry prints one)',
    ]],
    ['the pull Secret sealed into the registry\'s namespace', { pullSecret: { namespace: 'registry' } }, [
      'error main/blog/deployment spec.template.spec.imagePullSecrets[0].name: Secret "registry-pull" does not exist in namespace "apps" | Secret "registry-pull" is made in namespace "registry", and a pod reads Secrets of its own namespace only: make it in namespace "apps" too, or run the pod in "registry"',
    ]],
    ['the runner registered with the variables of Gitea\'s act_runner', { apps: { runner: { initContainers: [], env: { GITEA_INSTANCE_URL: 'https://git.dev.jdoe.net', GITEA_RUNNER_REGISTRATION_TOKEN: SecretReference.external('ci', 'runner-token', 'token'), DOCKER_HOST: 'tcp://localhost:2376', DOCKER_CERT_PATH: '/certs/client', DOCKER_TLS_VERIFY: '1' } } } }, [
      'error main/runner env.GITEA_RUNNER_REGISTRATION_TOKEN: GITEA_RUNNER_REGISTRATION_TOKEN is read by the start script of Gitea\'s act_runner image, which registers the runner with it; Forgejo\'s runner image (code.forgejo.org/forgejo/runner:6.3.1) runs forgejo-runner alone, which reads no such variable, so the runner is never registered and `forgejo-runner daemon` exits without its .runner file | register in an init container of the same image that mounts the runner\'s data volume (where the daemon reads .runner): initContainers: [{ name: \'register\', image: \'code.forgejo.org/forgejo/runner:6.3.1\', command: [\'forgejo-runner\', \'register\', \'--no-interactive\', \'--instance\', \'https://git.example.com\', \'--token\', \'$(RUNNER_TOKEN)\', \'--name\', \'k8s-runner\'], env: { RUNNER_TOKEN: <the token\'s SecretReference> }, mounts: [{ volume: \'data\', mountPath: \'/data\' }] }]',
    ]],
    ['the Docker daemon given privileged and runAsRoot alone, on the read-only root', { apps: { runner: { sidecars: [{
      name: 'docker', image: 'docker:27.4.1-dind', env: { DOCKER_TLS_CERTDIR: '/certs' },
      exemptions: { privileged: 'dockerd builds the images of the workflows', runAsRoot: 'dockerd runs as root' },
    }], persistence: {
      data: { volume: AppVolume.emptyDir(), mountPath: '/data', containers: ['runner', 'register'] },
      certs: { volume: AppVolume.emptyDir(), mountPath: '/certs', containers: ['runner', 'docker'] },
    } } } }, [
      'error main/runner sidecars[0].exemptions.writableRootFilesystem: image "docker:27.4.1-dind" runs the Docker daemon, which writes its socket and pid file under /var/run and its images and containers under /var/lib/docker; the container\'s root filesystem is read-only with no volume there: dockerd exits at its start and every job that calls it fails | sidecars[0].exemptions: { writableRootFilesystem: \'dockerd writes its socket, pid file and state\' }; and give /var/lib/docker an emptyDir, as dockerd\'s overlay2 cannot layer its images on the container\'s own overlay root: persistence: { docker: { volume: AppVolume.emptyDir(), mountPath: \'/var/lib/docker\', containers: [\'docker\'] } }',
    ]],
    ['the runner told the compose service name of the daemon', runner({ DOCKER_HOST: 'tcp://docker:2376' }), [
      'error main/runner env.DOCKER_HOST: DOCKER_HOST is "tcp://docker:2376", the name compose gives the daemon\'s container; in a pod the Docker daemon runs in container docker beside it, which no Service named docker reaches: every call fails to resolve the host | call the daemon on the pod\'s loopback: DOCKER_HOST: \'tcp://localhost:2376\' with DOCKER_TLS_VERIFY: \'1\' and DOCKER_CERT_PATH: \'/certs/client\'',
    ]],
    ['the runner registered at Forgejo\'s short name, from another namespace', { apps: { runner: { initContainers: [{
      name: 'register', image: 'code.forgejo.org/forgejo/runner:6.3.1', env: { RUNNER_TOKEN: SecretReference.external('ci', 'runner-token', 'token') },
      command: ['forgejo-runner', 'register', '--no-interactive', '--instance', 'http://forgejo:3000', '--token', '$(RUNNER_TOKEN)', '--name', 'builder'],
    }] } } }, [
      'warning main/runner containers.register.command[4]: flag --instance calls Service forgejo.ci, which nothing in namespace "ci" makes: the app\'s connections would find no such host (at spec.template.spec.initContainers[0].command[4] of Deployment ci/runner) | Service forgejo is in namespace "forgejo": call forgejo.forgejo',
    ]],
    ['the runner placed by a role the host does not have', { apps: { runner: { placement: { workloadRole: 'ci' } } } }, [
      'error main/runner placement.workloadRole: no host of cluster "main" has workload role ci | workload roles of this cluster\'s hosts: ci-cd (builder)',
    ]],
    ['Renovate told the platform forgejo', { renovate: { platform: 'forgejo' as never } }, [
      'error main/platform components.renovate.platform: platform is "forgejo", not one of azure, bitbucket, bitbucket-server, codecommit, gitea, github, gitlab, local | Renovate of this release speaks to Forgejo as \'gitea\'',
    ]],
    ['Forgejo\'s database host as compose names it', { forgejo: { database: ForgejoDatabase.postgres({ host: 'db', password: SecretReference.external('forgejo', 'forgejo-db', 'password') }) } }, [
      'warning main/forgejo database.postgres.host: env GITEA__database__HOST calls Service db.forgejo, which nothing in namespace "forgejo" makes: the app\'s connections would find no such host (at spec.template.spec.containers[0].env[2] of Deployment forgejo/forgejo) | deploy it in namespace "forgejo" (an app db there), or call a Service that is: the Services of namespace "forgejo" are forgejo, forgejo-db, forgejo-db-headless; a machine outside the cluster is named in full (db.lan)',
    ]],
    ['Forgejo\'s database written into settings as its compose example names it', { forgejo: { database: undefined, settings: { database: { DB_TYPE: 'postgres', HOST: 'db:5432', NAME: 'forgejo', USER: 'forgejo' } }, env: { GITEA__database__PASSWD: SecretReference.external('forgejo', 'forgejo-db', 'password') } } }, [
      'warning main/forgejo settings.database.HOST: env GITEA__database__HOST calls Service db.forgejo, which nothing in namespace "forgejo" makes: the app\'s connections would find no such host (at spec.template.spec.containers[0].env[1] of Deployment forgejo/forgejo) | deploy it in namespace "forgejo" (an app db there), or call a Service that is: the Services of namespace "forgejo" are forgejo, forgejo-db, forgejo-db-headless; a machine outside the cluster is named in full (db.lan)',
    ]],
    ['code-server\'s home on linuxserver.io\'s folder', { apps: { 'code-server': { persistence: { home: { volume: AppVolume.claim({ tier: 'disk', size: '20Gi' }), mountPath: '/config' } } } } }, [
      'error main/code-server image: image "codercom/code-server:4.96.4" runs code-server, which writes its config.yaml (.config/code-server) and its user data in /home/coder at its first start; nothing is mounted there and the root filesystem is read-only: the app would stop as it starts | mount a claim there: persistence: { data: { volume: AppVolume.claim({ tier, size }), mountPath: \'/home/coder\' } }; or move the folder to a volume with env.HOME',
    ]],
    ['the Git repository written as scp writes it', { gitUrl: 'git@git.dev.jdoe.net:jdoe/lab.git' }, [
      'error main gitops.repositoryCredential: Argo CD clones the SSH URL "git@git.dev.jdoe.net:jdoe/lab.git" of site "home" only with a private key, and argoCd() is given no repositoryCredential | give the deploy key: repositoryCredential: { sshPrivateKey: SecretReference.external(\'argocd\', \'repo-ssh\', \'sshPrivateKey\') }, or use the repository\'s https:// URL if it is public',
    ]],
  ])('%s', (_title, changes, expected) => {
    expect(shown(changes)).toEqual(expected);
  });
});


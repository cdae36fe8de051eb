import type { Construct } from 'constructs';
import { App } from '../app/app';
import type { GivenEnvVariable, OwnEnvVariable } from '../app/own-env';
import { appPropsOfService, servicePropsObject } from '../app/service-props';
import type { EnvValue } from '../app/env';
import type { ResourcesProps } from '../app/resources';
import { AppVolume } from '../app/volumes';
import type { PoolAddress } from '../inventory/address-pool';
import type { PlacementProps } from '../inventory/placement';
import type { ClusterChart } from '../platform/cluster-chart';
import { type BodySize, httpsOrigin, ingressClientPort, type RouteIntent } from '../platform/route-flavor';
import { bootstrapSecretCommand, bootstrapSecretText, type BootstrapSecret } from '../synth/bootstrap-secret';
import { leaveOwnerAction, OwnerAction } from '../synth/owner-action';
import { reportFinding } from '../validation/finding';
import { FORGEJO_DATABASE_VARIANTS, ForgejoDatabase, forgejoDatabaseSettings } from './forgejo-database';
import { forgejoOptionProblems } from './forgejo-props';
import { defaultForgejoSecretKey, forgejoSecretKeyStep } from './forgejo-secret-key';
import type { SecretReference } from '../secrets/secret-reference';
import type { ServicePassThroughProps } from './pass-through';
import { forgeDatabaseTypeProblem } from '../app/forge-database-type';
import type { PropProblem } from '../validation/known-props';
import { envLiteralProblem } from '../validation/policy';
import { taggedProblems } from '../validation/tagged-props';
import { FORGEJO_PROPS_SHAPE } from '../validation/service-props-shapes';

/** Forgejo release used when none is given (the rootless image: `<version>-rootless`). */
export const FORGEJO_DEFAULT_VERSION = '11.0.6';

/** Port of Forgejo's web UI and API. */
export const FORGEJO_HTTP_PORT = 3000;

/** Port the rootless image's built-in SSH server listens on (unprivileged). */
export const FORGEJO_SSH_LISTEN_PORT = 2222;

/** Where the rootless image keeps repositories and data, and where it writes app.ini. */
const DATA_PATH = '/var/lib/gitea';
const CONFIG_PATH = '/etc/gitea';

/** How Forgejo's SSH is reached from outside the cluster. */
export interface ForgejoSshProps {
  /**
   * Port of the ingress' TCP entry point (or of the LoadBalancer Service) that carries SSH. Clone URLs
   * (`ssh://git@<domain>:<port>`) name the port clients reach: where the ingress is served from node
   * ports (`traefik({ nodePorts: true })`), its node port (22 on 30022).
   * @default 22
   */
  readonly port?: number;
  /**
   * A LoadBalancer Service carries SSH: with an inventory address under MetalLB, or as a tailnet machine
   * under Tailscale.
   * @default - the cluster's ingress forwards the port as a TCP route (Traefik IngressRouteTCP, Gateway API TCPRoute)
   */
  readonly loadBalancer?: ForgejoSshLoadBalancerProps;
  /** Host name in clone URLs. @default - the HTTP route's host name, else the load-balancer address */
  readonly domain?: string;
}

/** The LoadBalancer that carries Forgejo's SSH. */
export interface ForgejoSshLoadBalancerProps {
  /** Fixed address from an inventory pool (MetalLB). @default - none: the flavor names the Service */
  readonly address?: PoolAddress;
  /** Host name on a tailnet (Tailscale); refused by flavors that name nothing (MetalLB, Cilium). @default - `<app>-ssh` on a tailnet */
  readonly hostname?: string;
}

/** The largest request body a Forgejo route lets through unless it sets `maxBodySize`. */
export const FORGEJO_ROUTE_BODY_SIZE: BodySize = '512Mi';

/** Options of a Forgejo Git forge. */
export interface ForgejoProps extends ServicePassThroughProps {
  /**
   * Forgejo release, as its image is tagged: releases before 7.0 carry a build suffix (`1.20.5-0`).
   * @default FORGEJO_DEFAULT_VERSION
   */
  readonly version?: string;
  /** Namespace. @default 'forgejo' */
  readonly namespace?: string;
  /** Repositories, attachments and app.ini (the volume `data`). @default - a 20Gi ReadWriteOnce claim on the `fast` tier */
  readonly storage?: AppVolume;
  /**
   * The web UI's route; its host name becomes `ROOT_URL` (https). `basicAuth` puts the ingress' basic auth
   * in front of the whole forge. Its `maxBodySize` defaults to `FORGEJO_ROUTE_BODY_SIZE` (512Mi), what Forgejo's
   * reverse-proxy guide gives for attachments, packages, LFS and git pushes over HTTPS.
   * @default - no route; `ROOT_URL` is the in-cluster address
   */
  readonly route?: RouteIntent;
  /** SSH access for Git, or `false` for HTTPS only. @default - port 22 through the cluster's ingress */
  readonly ssh?: ForgejoSshProps | false;
  /** The database. @default ForgejoDatabase.sqlite() */
  readonly database?: ForgejoDatabase;
  /**
   * app.ini's `SECRET_KEY`, a key of a Secret in Forgejo's namespace: Forgejo encrypts two-factor secrets
   * and the credentials it keeps with it. Without one, Forgejo uses the key written into its source, the
   * same for every instance. (`INTERNAL_TOKEN` and oauth2's `JWT_SECRET` need none: Forgejo makes them at
   * its first start and keeps them in app.ini on the data volume.) A Secret made by hand is listed among the
   * owner's steps before the first sync, with the command that generates the key.
   * @default - key `SECRET_KEY` of Secret `<id>-secret-key` in Forgejo's namespace, made by the owner
   */
  readonly secretKey?: SecretReference;
  /**
   * Further app.ini settings by section and key, rendered as `GITEA__<section>__<KEY>` variables (e.g.
   * `{ service: { DISABLE_REGISTRATION: 'true' } }`). They override the derived ones, except the ports its
   * Service and probes use (`server.HTTP_PORT`, `server.SSH_LISTEN_PORT`). A secret (a mailer's `PASSWD`, a
   * token) is an error here: give it in `env` from a Secret (`GITEA__mailer__PASSWD: SecretReference…`).
   * @default {}
   */
  readonly settings?: Record<string, Record<string, string>>;
  /** Compute resources. @default - 100m CPU, 256Mi requested, 1Gi memory limit */
  readonly resources?: ResourcesProps;
  /** Where Forgejo may run. @default - anywhere */
  readonly placement?: PlacementProps;
}

/** The `[server]` settings derived from how Forgejo is reached. */
export interface ForgejoServerSettings {
  /** Public base URL. */
  readonly ROOT_URL: string;
  /** Host name of the web UI. */
  readonly DOMAIN: string;
  /** Port of the web server. */
  readonly HTTP_PORT: string;
  /** Whether the built-in SSH server runs. */
  readonly START_SSH_SERVER: string;
  /** Host name in SSH clone URLs (when SSH is on). @default - unset while SSH is off */
  readonly SSH_DOMAIN?: string;
  /** Port in SSH clone URLs (when SSH is on). @default - unset while SSH is off */
  readonly SSH_PORT?: string;
  /** Port the SSH server listens on (when SSH is on). @default - unset while SSH is off */
  readonly SSH_LISTEN_PORT?: string;
  /** Whether SSH is off altogether. */
  readonly DISABLE_SSH: string;
}

/**
 * Derives `[server]` from the route and the SSH exposure: clone URLs must name what clients reach, not
 * what the pod listens on. Pure.
 */
export function forgejoServerSettings(options: {
  readonly webHostname?: string;
  /** The HTTPS port clients reach the web host on. @default 443 */
  readonly webPort?: number;
  readonly internalHostname: string;
  /** SSH as clients reach it: host name and port of clone URLs. */
  readonly ssh?: { readonly domain: string; readonly port: number };
}): ForgejoServerSettings {
  const domain = options.webHostname ?? options.internalHostname;
  const rootUrl = options.webHostname ? `${httpsOrigin(options.webHostname, options.webPort)}/` : `http://${options.internalHostname}:${FORGEJO_HTTP_PORT}/`;
  const ssh = options.ssh;
  return {
    ROOT_URL: rootUrl,
    DOMAIN: domain,
    HTTP_PORT: String(FORGEJO_HTTP_PORT),
    DISABLE_SSH: ssh ? 'false' : 'true',
    START_SSH_SERVER: ssh ? 'true' : 'false',
    ...(ssh ? { SSH_DOMAIN: ssh.domain, SSH_PORT: String(ssh.port), SSH_LISTEN_PORT: String(FORGEJO_SSH_LISTEN_PORT) } : {}),
  };
}

/**
 * The ports Forgejo's Service, probes and routes are built for (see `ServicePropsCheck.ownEnv`), under both
 * prefixes Forgejo reads settings from.
 */
const FORGEJO_OWN_ENV: Readonly<Record<string, OwnEnvVariable>> = Object.fromEntries(['GITEA__', 'FORGEJO__'].flatMap((prefix) => [
  [`${prefix}server__HTTP_PORT`, {
    accepts: (value: string) => value === String(FORGEJO_HTTP_PORT),
    why: `Forgejo's web UI must listen on port ${FORGEJO_HTTP_PORT}, where its Service, probes and route reach it; on another port the pod never becomes ready`,
    instead: 'leave HTTP_PORT out: the route gives the address clients use, and ROOT_URL follows it',
  }],
  [`${prefix}server__SSH_LISTEN_PORT`, {
    accepts: (value: string) => value === String(FORGEJO_SSH_LISTEN_PORT),
    why: `Forgejo's SSH server must listen on port ${FORGEJO_SSH_LISTEN_PORT}, where its Service sends SSH; on another port clones over SSH find nothing`,
    instead: 'leave SSH_LISTEN_PORT out: set ssh.port for the port clients connect to',
  }],
]));

/** `settings` as the variables they become, each on the prop written (`settings.server.HTTP_PORT`). Pure. */
function settingsVariables(settings: unknown): GivenEnvVariable[] {
  if (typeof settings !== 'object' || settings === null) {
    return []; // the shape is reported with the props
  }
  return Object.entries(settings).flatMap(([section, values]) => (typeof values === 'object' && values !== null
    ? Object.entries(values).map(([key, value]) => ({ name: `${SETTINGS_ENV_PREFIX}${section}__${key}`, value, field: `settings.${section}.${key}` }))
    : []));
}

/**
 * The `settings` that write a secret into app.ini in the clear (a mailer's `PASSWD`, a token), each on the
 * prop written, with the variable to give from a Secret instead: `settings` take text only. Pure.
 */
function settingsSecretProblems(settings: unknown, namespace: unknown): PropProblem[] {
  const where = typeof namespace === 'string' ? namespace : 'forgejo';
  return settingsVariables(settings).flatMap(({ name, value, field }): PropProblem[] => {
    const problem = typeof value === 'string' ? envLiteralProblem(name, value) : undefined;
    if (problem === undefined) {
      return [];
    }
    const [, section, key] = field.split('.');
    const instead = section === 'database' && key === 'PASSWD'
      ? `database: ForgejoDatabase.postgres({ host, password: SecretReference.external('${where}', 'forgejo-db', 'password') })`
      : section === 'security' && key === 'SECRET_KEY'
        ? `secretKey: SecretReference.external('${where}', 'forgejo-secret-key', 'SECRET_KEY')`
        : `env: { ${name}: SecretReference.external('${where}', 'forgejo-${section.toLowerCase()}', '${key}') }`;
    return [{
      // The policy's message starts with the variable's name, which the user did not write.
      field, message: `${field} becomes ${name}, which ${problem.message.startsWith(name) ? problem.message.slice(name.length).trim() : problem.message}`,
      hint: `leave it out of settings and give it from a Secret in Forgejo's namespace: ${instead}`,
    }];
  });
}

/** A `settings.database.DB_TYPE` Forgejo does not know (`postgresql`), on the prop written. Pure. */
function settingsDatabaseTypeProblems(settings: unknown): PropProblem[] {
  return settingsVariables(settings).flatMap(({ value, field }): PropProblem[] => {
    const problem = field === 'settings.database.DB_TYPE' && typeof value === 'string'
      ? forgeDatabaseTypeProblem('Forgejo', value, (type) => `settings: { database: { DB_TYPE: '${type}' } }`) : undefined;
    return problem === undefined ? [] : [{ field, ...problem }];
  });
}

/**
 * Forgejo, rootless (uid 1000): the web UI on 3000 behind the cluster's ingress, SSH for Git on port 22
 * through a TCP route or a LoadBalancer address, SQLite or an external PostgreSQL.
 */
export class Forgejo extends App {
  /** How SSH is exposed, and the port of the ingress entry point or LoadBalancer that carries it. */
  private readonly sshExposure?: { readonly props: ForgejoSshProps; readonly port: number };
  /** Variables the user set through `settings` or `env`: derived values never replace them. */
  private readonly chosenEnv: ReadonlySet<string>;
  private settingsInForce: ForgejoServerSettings;

  constructor(scope: Construct, id: string, given: ForgejoProps = {}) {
    // Props that are no object (JavaScript) are reported on the construct, given as they came.
    const props = servicePropsObject(given);
    const ssh = props.ssh === false ? undefined : props.ssh ?? {};
    const sshPort = ssh?.port ?? 22;
    const database = props.database ?? ForgejoDatabase.sqlite();
    super(scope, id, appPropsOfService({
      image: `codeberg.org/forgejo/forgejo:${props.version ?? FORGEJO_DEFAULT_VERSION}-rootless`,
      namespace: props.namespace ?? 'forgejo',
      runAsUser: 1000,
      runAsGroup: 1000,
      ports: [{ name: 'http', port: FORGEJO_HTTP_PORT }],
      probes: {
        readiness: { httpPath: '/api/healthz' },
        liveness: { httpPath: '/api/healthz', failureThreshold: 6, timeoutSeconds: 5 },
        startup: { httpPath: '/api/healthz', failureThreshold: 30 },
      },
      resources: props.resources ?? { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
      persistence: {
        data: {
          volume: props.storage ?? AppVolume.claim({ tier: 'fast', size: '20Gi' }),
          mountPath: DATA_PATH,
          // The entrypoint writes app.ini from the GITEA__ variables at every start; it must be writable.
          mounts: [{ mountPath: CONFIG_PATH, subPath: 'config' }],
        },
        ...props.persistence,
      },
      exemptions: props.exemptions,
      placement: props.placement,
      route: props.route,
    }, {
      what: 'Forgejo', props: given, shape: FORGEJO_PROPS_SHAPE, volumeProps: { data: 'storage' },
      // The reverse-proxy guide Forgejo shares with Gitea gives nginx 512 MiB: attachments, packages, LFS and
      // git pushes over HTTPS outgrow nginx's 1 MiB.
      routeBodySize: FORGEJO_ROUTE_BODY_SIZE,
      // Without a password Forgejo would log in to PostgreSQL with none, and fail only in the cluster.
      rules: {
        madeBy: { database: Object.values(FORGEJO_DATABASE_VARIANTS).map((variant) => variant.factory).join(' or ') },
        required: [['database.postgres.password', `give the role's password as a Secret key in Forgejo's namespace: password: SecretReference.external('${typeof props.namespace === 'string' ? props.namespace : 'forgejo'}', 'forgejo-db', 'password')`]],
      },
      versionProp: { field: 'version', parts: 3, example: FORGEJO_DEFAULT_VERSION },
      ownVolumes: { data: 'Forgejo keeps its repositories, attachments and app.ini on it: set `storage` to put them on another volume' },
      ownEnv: FORGEJO_OWN_ENV,
      envProps: forgejoEnvProps(props, database),
      givenEnv: settingsVariables(props.settings),
      problems: () => {
        const databaseProblems = props.database === undefined ? [] : taggedProblems(props.database, 'database', 'type', FORGEJO_DATABASE_VARIANTS);
        return databaseProblems.length > 0 ? databaseProblems
          : [...forgejoOptionProblems(props), ...settingsSecretProblems(props.settings, props.namespace), ...settingsDatabaseTypeProblems(props.settings)];
      },
    }));
    if (ssh) {
      this.addPort({ name: 'ssh', port: FORGEJO_SSH_LISTEN_PORT, servicePort: sshPort });
    }
    this.sshExposure = ssh ? { props: ssh, port: sshPort } : undefined;
    this.settingsInForce = this.deriveServerSettings();
    const chosen: Record<string, unknown> = { ...props.env };
    for (const [section, values] of Object.entries(props.settings ?? {})) {
      Object.assign(chosen, sectionEnv(section, values));
    }
    this.chosenEnv = new Set(Object.keys(chosen));
    const env: Record<string, EnvValue> = {
      ...sectionEnv('server', { ...this.settingsInForce }),
      ...sectionEnv('database', forgejoDatabaseSettings(database, DATA_PATH)),
      // The web installer would let the first visitor configure the instance; everything is set here.
      ...sectionEnv('security', { INSTALL_LOCK: 'true' }),
    };
    const password = database.type === 'postgres' ? database.postgres.password : undefined;
    if (password) {
      this.readSecretSetting(env, 'database__PASSWD', password, 'database.password', 'the password Secret');
    }
    const secretKey = props.secretKey ?? defaultForgejoSecretKey(this.namespace, this.name);
    if (this.readSecretSetting(env, 'security__SECRET_KEY', secretKey, 'secretKey', 'the Secret of SECRET_KEY') && secretKey.origin === 'external') {
      // Made by hand: one step with the command that generates the key, and the password's key if it shares the Secret.
      const sharesSecret = password !== undefined && password.origin === 'external' && password.secretName === secretKey.secretName && password.key !== secretKey.key;
      leaveOwnerAction(this, forgejoSecretKeyStep(secretKey, sharesSecret ? [password.key] : []));
    }
    for (const [section, values] of Object.entries(props.settings ?? {})) {
      Object.assign(env, sectionEnv(section, values));
    }
    Object.assign(env, props.env);
    for (const [name, value] of Object.entries(env)) {
      this.addEnv(name, value);
    }

    if (ssh) {
      this.exposeSsh(ssh, sshPort);
    }
    leaveOwnerAction(this, forgejoAdminStep(this.namespace, `${this.controller.kind.toLowerCase()}/${this.name}`));
  }

  /**
   * Sets `GITEA__<setting>` from a Secret of Forgejo's namespace; one in another namespace is reported on the
   * prop the user wrote, once, and not again on the variable it would have become. Whether it was set.
   */
  private readSecretSetting(env: Record<string, EnvValue>, setting: string, reference: SecretReference, field: string, what: string): boolean {
    if (reference.namespace === this.namespace) {
      env[`${SETTINGS_ENV_PREFIX}${setting}`] = reference;
      return true;
    }
    reportFinding(this, {
      layer: 'references', severity: 'error', field,
      message: `${what} is in namespace "${reference.namespace}", Forgejo runs in "${this.namespace}"; a pod reads Secrets only from its own namespace`,
      hint: `make the Secret in namespace "${this.namespace}" too (a SealedSecret, SopsSecret or ExternalSecret there, or SecretReference.external('${this.namespace}', '${reference.secretName}', '${reference.key}') for one made by hand)`,
    });
    return false;
  }

  /** The `[server]` settings in force. */
  public get serverSettings(): ForgejoServerSettings {
    return this.settingsInForce;
  }

  /**
   * Adds a route; the first one, when the props gave none, becomes the address Forgejo writes into its
   * links (ROOT_URL, DOMAIN, and the SSH host of clone URLs unless given), as a route in the props would.
   */
  public override addRoute(route: RouteIntent | string, path?: string, port?: number): this {
    const first = this.routeHostname === undefined;
    super.addRoute(route, path, port);
    if (first) {
      this.settingsInForce = this.deriveServerSettings();
      for (const [name, value] of Object.entries(sectionEnv('server', { ...this.settingsInForce }))) {
        if (!this.chosenEnv.has(name)) {
          this.addEnv(name, value);
        }
      }
    }
    return this;
  }

  /** `[server]` from the first route and the SSH exposure. */
  private deriveServerSettings(): ForgejoServerSettings {
    const internalHostname = `${this.name}.${this.namespace}.svc.cluster.local`;
    const webHostname = this.routeHostname;
    const ssh = this.sshExposure;
    const sshDomain = ssh ? ssh.props.domain ?? sshLoadBalancerDomain(this.cluster, this.name, ssh.props.loadBalancer) ?? webHostname : undefined;
    return forgejoServerSettings({
      webHostname,
      webPort: ingressClientPort(this.cluster, 443),
      internalHostname,
      // A LoadBalancer Service is reached on its own port; the ingress maybe on another (a node port).
      ssh: ssh ? { domain: sshDomain ?? internalHostname, port: ssh.props.loadBalancer ? ssh.port : ingressClientPort(this.cluster, ssh.port) } : undefined,
    });
  }

  private exposeSsh(ssh: ForgejoSshProps, port: number): void {
    if (ssh.loadBalancer) {
      // The default name is a tailnet's; a flavor that names nothing takes only a name the owner gave, which it refuses.
      const hostname = this.cluster.loadBalancer?.namesServices ? sshLoadBalancerHostname(this.name, ssh.loadBalancer) : ssh.loadBalancer.hostname;
      this.addLoadBalancerFor({ ...ssh.loadBalancer, hostname, ports: ['ssh'] }, 'ssh.loadBalancer');
      return;
    }
    const routes = this.cluster.routes;
    if (!routes.renderTcpRoute) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'ssh',
        message: `the ${routes.name} ingress of cluster "${this.cluster.clusterName}" cannot forward TCP`,
        hint: 'set `ssh.loadBalancer` (an inventory address under MetalLB), or `ssh: false`',
      });
      return;
    }
    this.addTcpRouteFor({ listenerName: 'ssh', port }, 'ssh');
  }
}

/** The tailnet name of the SSH load balancer. */
function sshLoadBalancerHostname(name: string, loadBalancer: ForgejoSshLoadBalancerProps): string {
  return loadBalancer.hostname ?? `${name}-ssh`;
}

/**
 * Where clients reach SSH when a LoadBalancer carries it: its pool address, or, where the flavor names
 * load balancers instead (a tailnet), that name under the cluster domain.
 */
function sshLoadBalancerDomain(cluster: ClusterChart, name: string, loadBalancer: ForgejoSshLoadBalancerProps | undefined): string | undefined {
  if (!loadBalancer) {
    return undefined;
  }
  return loadBalancer.address?.address ?? cluster.hostname(sshLoadBalancerHostname(name, loadBalancer));
}

/**
 * Prefix of the variables the image's entrypoint writes into app.ini. Every Forgejo release reads
 * `GITEA__`, the name it inherited; `FORGEJO__` is understood only by later releases.
 */
export const SETTINGS_ENV_PREFIX = 'GITEA__';

/** app.ini settings of one section as `GITEA__<section>__<KEY>` variables. */
/**
 * The props each `GITEA__` variable Forgejo's pod gets is written from, by variable: the database's settings
 * from `database.postgres` (its password from `database.postgres.password`), `SECRET_KEY` from `secretKey`, and
 * each of `settings` from its section and key; a variable the user's `env` sets is the user's own. Pure.
 */
export function forgejoEnvProps(props: Pick<ForgejoProps, 'settings' | 'env'>, database: ForgejoDatabase): Record<string, string> {
  const written: Record<string, string> = {
    [`${SETTINGS_ENV_PREFIX}security__SECRET_KEY`]: 'secretKey',
    ...(database.type === 'postgres' ? Object.fromEntries(([['HOST', 'host'], ['NAME', 'database'], ['USER', 'user'], ['SSL_MODE', 'sslMode'], ['PASSWD', 'password']] as const)
      .map(([key, prop]) => [`${SETTINGS_ENV_PREFIX}database__${key}`, `database.postgres.${prop}`])) : {}),
  };
  for (const [section, values] of Object.entries(props.settings ?? {})) {
    for (const key of Object.keys(values ?? {})) {
      written[`${SETTINGS_ENV_PREFIX}${section}__${key}`] = `settings.${section}.${key}`;
    }
  }
  for (const name of Object.keys(props.env ?? {})) {
    delete written[name];
  }
  return written;
}

function sectionEnv(section: string, values: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) {
      env[`${SETTINGS_ENV_PREFIX}${section}__${key}`] = value;
    }
  }
  return env;
}

/**
 * The step that makes Forgejo's first administrator. INSTALL_LOCK leaves no web installer and no first
 * user, so nobody could create an organization or a repository. The password is generated into a Secret
 * and reaches the CLI in the pod on its standard input: it is never typed, and stays out of the shell's
 * history. Pure.
 */
export function forgejoAdminStep(namespace: string, workload: string): OwnerAction {
  const secret = `${workload.split('/')[1]}-admin`;
  const declared: BootstrapSecret = {
    namespace, name: secret, keys: [{ key: 'username', value: '"$FORGEJO_ADMIN"' }, { key: 'password', value: '"$(openssl rand -base64 24)"' }],
  };
  return {
    kind: 'bootstrap',
    action: `create Forgejo's first administrator once the pod runs (INSTALL_LOCK is set, so no web installer makes one): a generated password in ${bootstrapSecretText(declared)}, `
      + 'then the user, made with the forgejo CLI in the pod; set FORGEJO_ADMIN and FORGEJO_ADMIN_EMAIL first '
      + '(Forgejo reserves the name admin)',
    command: `${bootstrapSecretCommand(declared, { namespaceExists: true })} `
      + `&& kubectl -n ${namespace} get secret ${secret} -o jsonpath='{.data.password}' | base64 -d `
      + `| kubectl -n ${namespace} exec -i ${workload} -- sh -c 'forgejo admin user create --admin --username "$1" --email "$2" --password "$(cat)"' `
      + '_ "$FORGEJO_ADMIN" "$FORGEJO_ADMIN_EMAIL"',
  };
}

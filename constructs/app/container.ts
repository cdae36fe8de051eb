import { imageFloats, releaseLineTag } from './image-tag';
import type { ServiceVersionProp } from './service-props';
import type { k8s } from 'cdk8s-plus-30';
import type { IConstruct } from 'constructs';
import { shortHostNames } from './env-hosts';
import { addEnvProblems, composeReferences, EnvValue, envOrder, renderEnvVar } from './env';
import { commandLineReferences } from './command-references';
import { commandLineWildcards } from './command-wildcards';
import { mountCallProblem } from './mount-calls';
import type { PropProblem } from '../validation/known-props';
import { plainJson, setPresent } from './plain';
import { probeProblems } from '../validation/container-rules';
import { Finding, reportFinding } from '../validation/finding';
import { tlsOnlyPort, tlsTurnedOffHint } from './tls-only-ports';
import type { MissingProbes } from './probe-exemption';
import { renderProbe, resolveProbes, ProbeProps, ProbesProps } from './probes';
import type { AppPort } from './props';
import { renderResources, resourcePropField, ResourcesProps } from './resources';
import type { SecurityExemptions } from './security';

/** Departures from the secure defaults that belong to one container rather than to the pod. */
export type ContainerExemptions = Pick<SecurityExemptions,
  'runAsRoot' | 'writableRootFilesystem' | 'privileged' | 'addCapabilities' | 'privilegeEscalation' | 'unconfined'>;

/** Where a container runs in the pod's life. */
export type ContainerRole =
  /** A main container, running for the pod's life. */
  | 'main'
  /** An init container that runs to completion before the main containers start. */
  | 'init'
  /** A native sidecar: an init container with `restartPolicy: Always`, started first and kept running. */
  | 'sidecar';

/** One mount of an app volume into a container. */
export interface ContainerMountProps {
  /** Name of the app volume (a key of `persistence`, or a volume added with `addVolume`). */
  readonly volume: string;
  /** Path in the container. */
  readonly mountPath: string;
  /** Directory of the volume to mount instead of its root. @default - the whole volume */
  readonly subPath?: string;
  /** Mount read-only. @default false */
  readonly readOnly?: boolean;
}

/** The policies the kubelet knows for pulling a container's image, as the API server takes them. */
export const IMAGE_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;

/** When the kubelet pulls a container's image: every start, when missing, or never. */
export type ImagePullPolicy = typeof IMAGE_PULL_POLICIES[number];

/** A container of an app besides its main one: an init container, a sidecar, or another main container. */
export interface ContainerProps {
  /** Container name, unique in the pod (DNS-1123 label). */
  readonly name: string;
  /** Image with a pinned tag or digest. */
  readonly image: string;
  /** When the kubelet pulls the image. @default - 'Always' for a moving tag (`latest`, none), else 'IfNotPresent' */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Entrypoint override. @default - the image's entrypoint */
  readonly command?: string[];
  /** Arguments. @default - the image's command */
  readonly args?: string[];
  /** Ports it listens on; they join the app's Service. @default [] */
  readonly ports?: AppPort[];
  /** Environment variables by name. Secret values only through a SecretReference. @default {} */
  readonly env?: Record<string, EnvValue>;
  /** Health checks (ignored for plain init containers, which Kubernetes does not probe). @default - TCP on its first port, none without ports */
  readonly probes?: ProbesProps;
  /** Compute resources. @default - 50m CPU and 128Mi requested, 512Mi memory limit */
  readonly resources?: ResourcesProps;
  /** Volumes of the app it mounts. @default [] */
  readonly mounts?: ContainerMountProps[];
  /** Its own departures from the secure defaults, each with a reason. @default - none */
  readonly exemptions?: ContainerExemptions;
  /** User id it runs as. @default - the pod's */
  readonly runAsUser?: number;
  /** Group id it runs as. @default - the pod's */
  readonly runAsGroup?: number;
}

/** What a container needs to know of its pod to render. */
export interface PodContext {
  /** The construct that reports findings and declares external Secrets. */
  readonly scope: IConstruct;
  /** Namespace the pod runs in: the only one whose Secrets and ConfigMaps its containers can read. */
  readonly namespace: string;
  /** Volumes of the pod; a mount of another is reported by the app where it was written, and left out. */
  readonly volumeNames: ReadonlySet<string>;
  /** The pod's scratch volume, which a container under a read-only root mounts at `/tmp`. @default 'tmp' */
  readonly scratchVolume?: string;
  /** User id the pod runs as. */
  readonly runAsUser: number;
  /** Group id the pod runs as. */
  readonly runAsGroup: number;
  /** Extended resources (GPUs, devices) to limit this container to, by resource name. @default - none */
  readonly extraLimits?: Record<string, number>;
  /** Whether the controller runs pods to completion (Job, CronJob): no default probes then. */
  readonly runsToCompletion: boolean;
  /** Knative accepts one unnamed container port and probes without a named port. */
  readonly knative: boolean;
  /**
   * The prop a service built this container's image tag from, and how many numbers its releases have, so
   * that a tag naming a release line is reported there. @default - the container's own `image`, any scheme
   */
  readonly versionProp?: ServiceVersionProp;
  /** Whether the pod states why it follows moving tags (its `floatingImage` exemption). @default false */
  readonly followsMovingTags?: boolean;
  /**
   * The namespaces of the cluster's apps by app name, for variables that name an app by its short name.
   * @default - not checked
   */
  readonly appNamespaces?: ReadonlyMap<string, readonly string[]>;
}

/** How an app takes a port added to one of its containers: it checks it, calls `add`, and follows the change. */
export type PortAdder = (port: AppPort, field: string, add: () => void) => void;

/**
 * How an app takes a change to one of its containers made after construction (`addEnv`, `mount`): it
 * reports `problems` and a change made once it has rendered, on `field`, where the user made it, and
 * calls `change` when there are none.
 */
export type ContainerChange = (field: string, problems: readonly PropProblem[], change: () => void) => void;

/** How findings name the props of one container. */
export interface ContainerPropNames {
  /** The prop `prop` of the container, e.g. `probes.readiness` of an app's main container, `containers.<name>.probes.readiness` of another. */
  propField(prop: string): string;
  /** The amount `prop` of its resources: `resources.memoryLimit`, or the prop a construct built them from. */
  resourceField(prop: keyof ResourcesProps): string;
  /** The port at `index` of its ports: `ports[<index>]` as its props list them, or the `addPort` call that added it. */
  portField(index: number): string;
}

/**
 * {@link ContainerPropNames} of a container whose props findings name under `fieldPrefix`, with `resources`
 * as its props give them and `declaredPorts` ports listed in its props (the rest were added). Pure.
 */
export function containerPropNames(fieldPrefix: string, resources: ResourcesProps | undefined, declaredPorts: number): ContainerPropNames {
  const propField = (prop: string): string => `${fieldPrefix}${prop}`;
  return {
    propField,
    resourceField: (prop) => resourcePropField(resources, propField('resources'), prop),
    portField: (index) => (index < declaredPorts ? propField(`ports[${index}]`) : propField('addPort')),
  };
}

/** What a container's owner does with changes: checks added ports and other changes, then makes them. */
export interface ContainerOwner {
  /** Takes a port added with `addPort`. @default - adds it */
  readonly addPort?: PortAdder;
  /** Takes another change (`addEnv`, `mount`). @default - makes it */
  readonly change?: ContainerChange;
  /** The owner's own problems with a variable `addEnv` sets, on `field` (`addEnv.<name>`). @default - none */
  readonly envProblems?: (name: string, value: unknown, field: string) => PropProblem[];
}

/**
 * One container of an app, changeable until the cluster is synthesized: `addEnv`, `addPort`, `mount`.
 * Rendered once, with the same secure defaults as every container of the library.
 */
export class AppContainer {
  /** Container name. */
  public readonly name: string;
  /** Where it runs in the pod's life. */
  public readonly role: ContainerRole;
  /** Image. */
  public image: string;
  /** Its own exemptions. */
  public readonly exemptions: ContainerExemptions;
  private readonly props: ContainerProps;
  private readonly env = new Map<string, EnvValue>();
  private readonly portList: AppPort[];
  private readonly mountList: ContainerMountProps[];
  private names?: ContainerPropNames;
  /** Mounts made with `mount()`, as opposed to the `mounts` prop: findings name the call. */
  private readonly mountCalls = new Set<ContainerMountProps>();

  /**
   * @param fieldPrefix how findings name its props: `''` for the app's main container, whose props are the
   * app's own; @default `containers.<name>.`
   * @param owner the app: `addPort` hands it the port, the field findings name (`addPort`,
   * `containers.<name>.addPort`) and a function that adds it, so the app checks the port against its others
   * and lets its Services take it however it was added; other changes it checks the same way
   * @default - every change is made unchecked
   */
  constructor(
    props: ContainerProps, role: ContainerRole,
    private readonly fieldPrefix = `containers.${props.name}.`, private readonly owner: ContainerOwner = {},
  ) {
    this.props = props;
    this.name = props.name;
    this.role = role;
    this.image = props.image;
    this.exemptions = props.exemptions ?? {};
    this.portList = [...(props.ports ?? [])];
    this.mountList = [...(props.mounts ?? [])];
    for (const [key, value] of Object.entries(props.env ?? {})) {
      this.env.set(key, value);
    }
  }

  /**
   * Sets an environment variable (replacing one of that name, also one of the props). A name the API server
   * refuses, or a value that is not text, a SecretReference, a ConfigMap key or a field of the pod, is an
   * error on the call (`addEnv.<name>`).
   */
  public addEnv(name: string, value: EnvValue): this {
    const field = `${this.fieldPrefix}addEnv`;
    const problems = addEnvProblems(this.name, name, value, field);
    this.change(field, problems.length > 0 || typeof name !== 'string' ? problems : this.owner.envProblems?.(name, value, `${field}.${name}`) ?? [], () => this.env.set(name, value));
    return this;
  }

  /** Adds a port the container listens on; it joins the app's Service, as the ports of its props do. */
  public addPort(port: AppPort): this {
    const add = () => this.portList.push(port);
    (this.owner.addPort ?? ((_port, _field, then) => then()))(port, `${this.fieldPrefix}addPort`, add);
    return this;
  }

  /** Mounts an app volume. */
  public mount(volume: string, mountPath: string, options: { subPath?: string; readOnly?: boolean } = {}): this {
    const asOne = mountCallProblem(volume, mountPath, `${this.fieldPrefix}mount`);
    this.change(asOne?.field ?? `${this.fieldPrefix}mount(${volume})`, asOne ? [asOne] : [], () => {
      const mount = { volume, mountPath, ...options };
      this.mountList.push(mount);
      this.mountCalls.add(mount);
    });
    return this;
  }

  private change(field: string, problems: readonly PropProblem[], change: () => void): void {
    (this.owner.change ?? ((_field, _problems, then) => then()))(field, problems, change);
  }

  /**
   * How findings name this container's props, as an object apart from the container: a note of them kept
   * for validation holds no construct.
   */
  public propNames(): ContainerPropNames {
    return (this.names ??= containerPropNames(this.fieldPrefix, this.props.resources, this.props.ports?.length ?? 0));
  }

  /** How findings name the prop `prop` of this container: `probes.readiness` of the app's main container, `containers.<name>.probes.readiness` of another. */
  public propField(prop: string): string {
    return this.propNames().propField(prop);
  }

  /** How findings name the amount `prop` of its resources: `resources.memoryLimit`, or the prop a construct built them from. */
  public resourceField(prop: keyof ResourcesProps): string {
    return this.propNames().resourceField(prop);
  }

  /** How findings name the port at `index` of its ports: `ports[<index>]` as its props list them, or the `addPort` call that added it. */
  public portField(index: number): string {
    return this.propNames().portField(index);
  }

  /** Where a mount of this container was written, for findings: the `mount(<volume>)` call, or the container's `mounts` prop. */
  public mountField(mount: ContainerMountProps): string {
    return this.mountCalls.has(mount) ? `mount(${mount.volume})` : `containers.${this.name}.mounts.${mount.volume}`;
  }

  /** Warns of values that write another variable as compose does (`${NAME}`), which the container gets as text. */
  private warnComposeReferences(scope: IConstruct): void {
    for (const reference of composeReferences(this.env)) {
      const modifiers = reference.withModifier.length > 0
        ? ` (Kubernetes has no form for compose's ${reference.withModifier.join(', ')}: a default or check is dropped)`
        : '';
      reportFinding(scope, {
        layer: 'props', severity: 'warning', field: `${this.fieldPrefix}env.${reference.name}`,
        message: `env ${reference.name} holds ${reference.written.join(', ')}, compose's form of another variable of the container, `
          + 'which Kubernetes passes on as text: it expands only $(NAME)',
        hint: `write ${reference.name}: '${reference.expanded}'${modifiers}`,
      });
    }
  }

  /** Warns of a variable that names another namespace's app by the short name compose used. */
  private warnShortHostNames(pod: PodContext): void {
    if (pod.appNamespaces === undefined) {
      return;
    }
    const texts = [...this.env].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    for (const { name, message, hint } of shortHostNames(texts, pod.namespace, pod.appNamespaces)) {
      reportFinding(pod.scope, { layer: 'references', severity: 'warning', field: `${this.fieldPrefix}env.${name}`, message, hint });
    }
  }

  /**
   * Warns of an image tag that names a release line (`postgres:16`, Forgejo's `version: '11'`) pulled
   * `IfNotPresent`: each node keeps the build it pulled first, and nodes drift apart. A pull policy
   * written, or a `floatingImage` exemption, says the line is followed on purpose.
   */
  private warnReleaseLine(pod: PodContext): void {
    const line = this.props.imagePullPolicy === undefined && !pod.followsMovingTags ? releaseLineTag(this.image, pod.versionProp?.parts) : undefined;
    if (line === undefined) {
      return;
    }
    const field = pod.versionProp?.field ?? `${this.fieldPrefix}image`;
    const repository = this.image.slice(0, this.image.length - line.length - 1);
    reportFinding(pod.scope, {
      layer: 'props', severity: 'warning', field,
      message: `${repository}:${line} names a release line, not a release: pulled IfNotPresent, each node keeps the build it pulled first and never takes a newer one`,
      hint: pod.versionProp
        ? `pin the full release, e.g. ${field}: '${pod.versionProp.example}'`
        : `pin the release the registry tags within the line (${repository}:${line.split('-')[0]}.<n>…) or a digest (${repository}@sha256:…); or follow the line on purpose with imagePullPolicy: 'Always'`,
    });
  }

  /** Warns of a command line that writes a variable in a form Kubernetes does not expand (`${NAME}`, `$NAME`, a misspelt `$(NAME)`). */
  private warnCommandLineReferences(scope: IConstruct): void {
    for (const reference of commandLineReferences(this.props.command, this.props.args, [...this.env.keys()])) {
      reportFinding(scope, {
        layer: 'props', severity: 'warning', field: `${this.fieldPrefix}${reference.key}[${reference.index}]`, message: reference.message, hint: reference.hint,
      });
    }
  }

  /** Refuses a path with a shell wildcard in a replaced entrypoint (`/data/*.zim`), which no shell expands. */
  private reportCommandLineWildcards(scope: IConstruct): void {
    for (const wildcard of commandLineWildcards(this.props.command, this.props.args)) {
      reportFinding(scope, {
        layer: 'props', severity: 'error', field: `${this.fieldPrefix}${wildcard.key}[${wildcard.index}]`, message: wildcard.message, hint: wildcard.hint,
      });
    }
  }

  /** Ports it listens on. */
  public get ports(): readonly AppPort[] {
    return this.portList;
  }

  /** Mounts of app volumes. */
  public get mounts(): readonly ContainerMountProps[] {
    return this.mountList;
  }

  /** Names of its environment variables, in the order it lists them: by name, a variable after those it references. */
  public get envNames(): string[] {
    return envOrder(this.env);
  }

  /** The value of environment variable `name` where it is text, e.g. `PUID`; undefined where it is unset or read from a Secret, ConfigMap or field. */
  public envText(name: string): string | undefined {
    const value = this.env.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** Whether it runs as root. */
  public get runsAsRoot(): boolean {
    return this.exemptions.runAsRoot !== undefined;
  }

  /**
   * Whether it needs the default writable `/tmp` because its root filesystem is read-only: not when it mounts
   * a volume of its own there (to size it, or to keep it in memory).
   */
  public get needsTmp(): boolean {
    return this.exemptions.writableRootFilesystem === undefined && !this.mountList.some((m) => /^\/+tmp\/*$/.test(m.mountPath));
  }

  /**
   * The Kubernetes container. Its records are built with their keys in sorted order and absent values left
   * out, the form synthesis writes: the app's sorted copy of its body keeps them rather than sorting copies.
   */
  public render(pod: PodContext): k8s.Container {
    const exemptions = this.exemptions;
    const asRoot = exemptions.runAsRoot !== undefined;
    const user = asRoot ? 0 : this.props.runAsUser ?? pod.runAsUser;
    const group = asRoot ? 0 : this.props.runAsGroup ?? pod.runAsGroup;
    const env = this.envNames.map((key) => renderEnvVar(pod.scope, this.name, key, this.env.get(key)!, pod.namespace, `${this.fieldPrefix}env.${key}`));
    this.warnComposeReferences(pod.scope);
    this.warnShortHostNames(pod);
    this.warnCommandLineReferences(pod.scope);
    this.reportCommandLineWildcards(pod.scope);
    const probes = this.probes(pod);
    // The default probes open a TCP connection, which a UDP port never accepts.
    const firstPort = this.portList.find((p) => (p.protocol ?? 'TCP') === 'TCP')?.port;
    const mounts: k8s.VolumeMount[] = [];
    if (this.needsTmp) {
      mounts.push({ mountPath: '/tmp', name: pod.scratchVolume ?? 'tmp' });
    }
    for (const m of this.mountList) {
      if (!pod.volumeNames.has(m.volume)) {
        continue;
      }
      const mount: Record<string, unknown> = { mountPath: m.mountPath, name: m.volume };
      setPresent(mount, 'readOnly', m.readOnly || undefined);
      setPresent(mount, 'subPath', m.subPath);
      mounts.push(mount as unknown as k8s.VolumeMount);
    }
    const ports = pod.knative
      ? this.portList.slice(0, 1).map((p) => ({ containerPort: p.port, protocol: p.protocol ?? 'TCP' }))
      : this.portList.map((p) => portJson(p));
    const readiness = this.renderedProbe(pod, 'readiness', probes.readiness, firstPort, ports);
    // The default liveness probe is the readiness probe again: a mistake in it is reported once, on readiness.
    const copied = this.props.probes?.liveness === undefined && readiness.mistaken;
    const liveness = copied ? undefined : this.renderedProbe(pod, 'liveness', probes.liveness, firstPort, ports).probe;
    const container: Record<string, unknown> = {};
    setPresent(container, 'args', this.props.args);
    setPresent(container, 'command', this.props.command);
    setPresent(container, 'env', env.length > 0 ? env : undefined);
    container.image = this.image;
    // A moving tag is only followed when the kubelet asks the registry at every start, as Kubernetes itself
    // defaults for `latest`.
    container.imagePullPolicy = this.props.imagePullPolicy ?? (imageFloats(this.image) ? 'Always' : 'IfNotPresent');
    this.warnReleaseLine(pod);
    setPresent(container, 'livenessProbe', liveness);
    container.name = this.name;
    setPresent(container, 'ports', ports.length > 0 ? ports : undefined);
    setPresent(container, 'readinessProbe', readiness.probe);
    container.resources = renderResources(this.props.resources, pod.extraLimits);
    setPresent(container, 'restartPolicy', this.role === 'sidecar' ? 'Always' : undefined);
    const capabilities: Record<string, unknown> = {};
    setPresent(capabilities, 'add', exemptions.addCapabilities?.capabilities);
    capabilities.drop = ['ALL'];
    const securityContext: Record<string, unknown> = {
      // The API server refuses a privileged container that may not escalate: privileged includes escalation.
      allowPrivilegeEscalation: exemptions.privilegeEscalation !== undefined || exemptions.privileged !== undefined,
      ...exemptions.unconfined === undefined ? {} : { appArmorProfile: { type: 'Unconfined' } },
      capabilities,
    };
    // Knative's admission refuses the field unless it is needed; elsewhere it is stated explicitly.
    setPresent(securityContext, 'privileged', pod.knative && exemptions.privileged === undefined ? undefined : exemptions.privileged !== undefined);
    securityContext.readOnlyRootFilesystem = exemptions.writableRootFilesystem === undefined;
    setPresent(securityContext, 'runAsGroup', group);
    securityContext.runAsNonRoot = !asRoot;
    setPresent(securityContext, 'runAsUser', user);
    securityContext.seccompProfile = { type: exemptions.unconfined === undefined ? 'RuntimeDefault' : 'Unconfined' };
    container.securityContext = securityContext;
    setPresent(container, 'startupProbe', this.renderedProbe(pod, 'startup', probes.startup, firstPort, ports).probe);
    setPresent(container, 'volumeMounts', mounts.length > 0 ? mounts : undefined);
    return container as unknown as k8s.Container;
  }

  /**
   * One probe as rendered. A probe that needs a port (HTTP, TCP) on a container without one is left out
   * when it is a default, and reported when it was written, rather than dropped without a word. A written
   * probe the API server or the kubelet would refuse (a path without its `/`, a port the container lacks)
   * is reported on the prop that was written (`mistaken`), and the default TCP probe stands in for it, so
   * neither the rendered object's checks nor the rule that a served container has a readiness probe
   * repeat the one mistake (the error keeps the output from being written).
   */
  private renderedProbe(pod: PodContext, name: keyof ProbesProps, probe: ProbeProps | false, firstPort: number | undefined, ports: readonly unknown[]): { probe?: k8s.Probe; mistaken: boolean } {
    const rendered = renderProbe(probe, firstPort, this.portList.filter((p) => p.appProtocol === 'https').map((p) => p.port));
    const written = this.props.probes?.[name];
    if (rendered === undefined && probe && written) {
      reportFinding(pod.scope, {
        layer: 'references', severity: 'error', field: `${this.fieldPrefix}probes.${name}`,
        message: `container "${this.name}" has no TCP port for its ${name} probe to check`,
        hint: 'give the probe its port, declare the port in the container\'s ports, or check with command: [...] instead',
      });
    }
    if (rendered === undefined || !written) {
      return { probe: rendered, mistaken: false };
    }
    const json = plainJson(rendered) as Record<string, unknown>;
    const env = Object.entries(this.props.env ?? {}).map(([envName, value]) => ({ name: envName, value: typeof value === 'string' ? value : '' }));
    const problems = probeProblems(json, `${name}Probe`, { ports, image: this.props.image, env });
    for (const problem of problems) {
      const prop = probePropField(problem.field);
      reportFinding(pod.scope, problem.field === 'httpGet.scheme' ? this.plainHttpProbeFinding(json, problem) : {
        layer: 'props', severity: 'error', field: `${this.fieldPrefix}probes.${name}${prop ? `.${prop}` : ''}`,
        message: problem.message, hint: problem.hint,
      });
    }
    return problems.length > 0 ? { probe: renderProbe({ tcp: true }, firstPort), mistaken: true } : { probe: rendered, mistaken: false };
  }

  /**
   * An HTTP probe in plain HTTP to a port where the image answers only TLS, on that port's `appProtocol`: the scheme
   * of the container's HTTP probes follows it. `json` is the rendered probe, `problem` as the rendered checks word it.
   */
  private plainHttpProbeFinding(json: Record<string, unknown>, problem: { message: string; hint: string }): Omit<Finding, 'constructPath'> {
    const probed = (json.httpGet as Record<string, unknown>).port;
    const port = this.portList.find((p) => p.port === probed || p.name === probed);
    const tls = tlsOnlyPort(this.props.image, port?.port ?? probed, this.props.env ?? {});
    const plainPort = tls?.plainPort;
    const turnedOff = tls === undefined ? '' : tlsTurnedOffHint(tls);
    if (port === undefined) {
      return {
        layer: 'props', severity: 'error', field: `${this.fieldPrefix}probes`, message: problem.message,
        hint: `declare port ${String(probed)} in ports with appProtocol: 'https', and its HTTP probes use HTTPS`,
      };
    }
    return {
      layer: 'props', severity: 'error', field: `${this.fieldPrefix}ports.${port.name}.appProtocol`, message: problem.message,
      hint: `set appProtocol: 'https' on port ${port.name}, and its HTTP probes use HTTPS${plainPort === undefined ? '' : `; or probe its plain HTTP port ${plainPort}`}${turnedOff}`,
    };
  }

  /**
   * The readiness and liveness probes this container goes without, as it renders them: none are recorded
   * for an init container or a run-to-completion pod, which need none; a probe switched off (`false`) is
   * told apart from a default that had no port to check.
   */
  public missingProbes(runsToCompletion: boolean): MissingProbes {
    const none = { container: this.name, missing: [], switchedOff: false };
    if (this.role === 'init' || runsToCompletion) {
      return none;
    }
    const probes = resolveProbes(this.props.probes);
    const firstPort = this.portList.find((p) => (p.protocol ?? 'TCP') === 'TCP')?.port;
    const names = (['readiness', 'liveness'] as const).filter((name) => renderProbe(probes[name], firstPort) === undefined);
    return { container: this.name, missing: names, switchedOff: names.some((name) => this.props.probes?.[name] === false) };
  }

  /** Probes in force: none for plain init containers, none by default for run-to-completion pods. */
  private probes(pod: PodContext): Required<ProbesProps> {
    if (this.role === 'init') {
      return { readiness: false, liveness: false, startup: false };
    }
    if (pod.runsToCompletion && this.props.probes === undefined) {
      return { readiness: false, liveness: false, startup: false };
    }
    const resolved = resolveProbes(this.props.probes);
    // A sidecar's readiness gates nothing and only startup and liveness make sense for it, but Kubernetes
    // accepts all three; they are kept as given.
    return resolved;
  }
}

/**
 * The probe prop a field of the rendered probe comes from: `httpGet.path` from `httpPath`, its one header from
 * `httpHost`, any handler's port from `port`.
 */
function probePropField(rendered: string): string {
  if (rendered === 'httpGet.path' || rendered === 'httpGet') {
    return 'httpPath';
  }
  if (rendered.startsWith('httpGet.httpHeaders')) {
    return 'httpHost';
  }
  if (rendered === 'exec.command') {
    return 'command';
  }
  return rendered.endsWith('.port') ? 'port' : rendered;
}

/** A container port, keys in sorted order. */
function portJson(port: AppPort): k8s.ContainerPort {
  const json: Record<string, unknown> = { containerPort: port.port };
  setPresent(json, 'name', port.name);
  json.protocol = port.protocol ?? 'TCP';
  return json as unknown as k8s.ContainerPort;
}

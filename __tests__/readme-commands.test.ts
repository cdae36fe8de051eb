import { parseAllDocuments } from 'yaml';
import { sitesInMemory } from './support/synth';
import { blocks, isShellBlock, proseCommands, rows, SimpleCommand, simpleCommands, unparsedByBash } from './support/readme';

// Every command a cluster's README hands its owner runs on a bare cluster as it is written: a tool and a
// subcommand that exist, and flags the tool knows. The table below is the one place that lists what was
// checked against each tool's reference: a command outside it fails here until it is checked and added.

/**
 * A flag as the tool spells it: `--name` takes no value, `--name=` one (as `--name=v` or `--name v`), `--name==`
 * two (jq's `--arg name value`). A single-dash word (`-o=`) is a short flag, or a long one of a tool that
 * spells them so (openssl, terraform, vault).
 */
type Flag = string;

interface Tool {
  /** Flags every subcommand takes. */
  readonly global?: readonly Flag[];
  /** Subcommands (words before the arguments, '' for a tool without any) and their flags. */
  readonly commands: Readonly<Record<string, readonly Flag[]>>;
  /** Every argument is an operand, never a flag, as printf reads them (`printf '%s\n' '---'`). @default false */
  readonly operandsOnly?: boolean;
}

const KUBECTL_OUTPUT = ['--dry-run=', '-o=', '--output='];

const TOOLS: Readonly<Record<string, Tool>> = {
  kubectl: {
    global: ['-n=', '--namespace=', '--context=', '--kubeconfig=', '--user='],
    commands: {
      'apply': ['-f=', '--filename=', '-k=', '--kustomize=', '--server-side', '--force-conflicts'],
      'create namespace': KUBECTL_OUTPUT,
      'create ns': KUBECTL_OUTPUT,
      'create secret generic': ['--from-literal=', '--from-file=', '--type=', ...KUBECTL_OUTPUT],
      'create secret docker-registry': ['--docker-server=', '--docker-username=', '--docker-password=', '--docker-email=', '--from-file=', ...KUBECTL_OUTPUT],
      'create secret tls': ['--cert=', '--key=', ...KUBECTL_OUTPUT],
      'create clusterrolebinding': ['--clusterrole=', '--serviceaccount=', '--user=', '--group='],
      'get': ['-o=', '-A', '--all-namespaces', '-l=', '--selector='],
      'describe': [],
      'delete': ['-l=', '--selector='],
      'cordon': [],
      'uncordon': [],
      'wait': ['--for=', '--timeout=', '--all', '-l='],
      'label': ['--overwrite'],
      'annotate': ['--overwrite'],
      'taint': ['--overwrite'],
      'rollout restart': [],
      'rollout status': ['--timeout=', '-w', '--watch='],
      'scale': ['--replicas='],
      'patch': ['--type=', '-p=', '--patch='],
      'exec': ['-i', '-t', '-c='],
      'run': ['--rm', '-i', '-t', '--restart=', '--image=', '--command', '--overrides='],
      'logs': ['-f', '--follow', '--tail='],
      'port-forward': [],
      'cp': ['-c='],
      'config set-credentials': ['--exec-api-version=', '--exec-command=', '--exec-arg='],
      'config view': ['--minify', '--raw', '-o='],
      'auth whoami': ['-o='],
      'auth can-i': ['--as=', '--as-group=', '-A', '--all-namespaces'],
    },
  },
  flux: {
    global: ['-n=', '--namespace='],
    commands: {
      'bootstrap github': ['--owner=', '--repository=', '--branch=', '--path=', '--personal', '--private=', '--private', '--version='],
      'reconcile source git': [],
      'reconcile kustomization': ['--with-source'],
      'get kustomizations': ['-A', '--all-namespaces'],
      'get helmreleases': ['-A', '--all-namespaces'],
      'suspend kustomization': [],
      'resume kustomization': [],
    },
  },
  helm: {
    commands: {
      install: ['--repo=', '--version=', '-n=', '--namespace=', '--create-namespace', '-f=', '--values=', '--wait'],
      upgrade: ['--install', '--repo=', '--version=', '-n=', '--namespace=', '--create-namespace', '-f=', '--values=', '--wait'],
      list: ['-A', '--all-namespaces'],
    },
  },
  talosctl: {
    global: ['-n=', '--nodes=', '-e=', '--endpoints=', '--talosconfig='],
    commands: {
      'apply-config': ['-i', '--insecure', '-f=', '--file=', '-p=', '--config-patch=', '--mode=', '--dry-run'],
      'gen config': ['-o=', '--output=', '--install-image=', '--install-disk=', '--config-patch=', '--config-patch-control-plane=', '--config-patch-worker=', '--with-secrets='],
      // --timeout: how long a --mode=try change lasts before Talos reverts it.
      'patch mc': ['-p=', '--patch=', '--mode=', '--timeout='],
      'patch machineconfig': ['-p=', '--patch=', '--mode=', '--timeout='],
      'health': ['--control-plane-nodes=', '--worker-nodes=', '--wait-timeout='],
      'bootstrap': [],
      // A resource of the node's state by its type (links, addresses, members).
      'get': ['-o=', '--output=', '-i', '--insecure'],
      'kubeconfig': ['--force', '--merge='],
      'config endpoint': [],
      'config node': [],
      'version': ['--client'],
      'upgrade': ['-i=', '--image=', '--preserve', '--stage', '--wait'],
      'upgrade-k8s': ['--to=', '--from=', '--dry-run'],
      'shutdown': ['--force', '--wait'],
      'etcd members': [],
      'etcd snapshot': [],
    },
  },
  argocd: {
    commands: {
      'admin initial-password': ['-n=', '--namespace='],
      'login': ['--username=', '--password=', '--grpc-web', '--sso'],
      'account update-password': [],
      'account generate-token': ['--account='],
      'proj create': ['--src=', '--dest='],
      'cert add-ssh': ['--batch'],
    },
  },
  vault: { commands: { 'auth enable': ['-path='], 'write': [], 'policy write': [], 'kv put': [] } },
  sops: { commands: { '': ['-e', '--encrypt', '-i', '--in-place'], 'updatekeys': [], 'edit': [] } },
  'age-keygen': { commands: { '': ['-o=', '-y'] } },
  kubeseal: { commands: { '': ['--fetch-cert', '--controller-namespace=', '--controller-name=', '--raw', '--cert=', '--namespace=', '--name=', '--scope='] } },
  cilium: { commands: { 'connectivity test': ['--test-namespace='] } },
  tailscale: { commands: { status: [], ip: ['-4', '-6'] } },
  zfs: { commands: { rename: [], get: ['-H', '-p', '-o='], set: [], snapshot: [] } },
  k0s: { commands: { 'install worker': ['--token-file='], start: [], worker: [] } },
  docker: {
    commands: {
      ps: ['--filter=', '--format='],
      inspect: ['--format='],
      run: ['-d', '--name=', '--hostname=', '--restart=', '--privileged', '--cgroupns=', '-p=', '-v=', '--tmpfs='],
      stop: [],
      update: ['--restart='],
      cp: [],
      load: ['-i='],
      tag: [],
      login: ['-u=', '--username=', '--password-stdin'],
      push: [],
    },
  },
  nix: { commands: { build: [] } },
  virsh: { commands: { shutdown: [], autostart: ['--disable'], domiflist: [], dumpxml: [], domstate: [], start: [] } },
  // Home Assistant's CLI, in the guest's terminal.
  ha: { commands: { 'network info': [], 'network update': ['--ipv4-method=', '--ipv4-address=', '--ipv4-gateway=', '--ipv4-nameserver='] } },
  ceph: { commands: { 'config set': [] } },
  aws: { commands: { 'iam create-open-id-connect-provider': ['--endpoint-url=', '--url=', '--client-id-list=', '--thumbprint-list='] } },
  gitops: { commands: { 'get bcrypt-hash': [] } },
  git: { commands: { 'remote add': [], 'remote set-url': [], push: [], pull: [], revert: ['--no-edit'], diff: ['--exit-code'] } },
  npm: { commands: { run: [] } },
  terraform: { commands: { init: [], apply: [], output: ['-raw'] } },
  tofu: { commands: { init: [], apply: [], output: ['-raw'] } },
  curl: { commands: { '': ['-f', '--fail', '-s', '--silent', '-S', '-k', '-L', '-o=', '-w=', '--max-time=', '-H=', '-X=', '-d=', '--data-binary=', '--cacert=', '-u=', '--resolve='] } },
  openssl: {
    commands: {
      req: ['-x509', '-new', '-newkey=', '-pkeyopt=', '-nodes', '-days=', '-subj=', '-addext=', '-key=', '-keyout=', '-out='],
      rand: ['-hex', '-base64'],
      genrsa: ['-traditional', '-out='],
    },
  },
  jq: { commands: { '': ['-r', '-n', '-c', '-e', '--arg=='] } },
  // K3s' docs, "k3s token": rotate's flags.
  k3s: { commands: { 'token rotate': ['--token=', '--new-token=', '--server=', '--data-dir=', '--kubeconfig='] } },
  htpasswd: { commands: { '': ['-n', '-b', '-B'] } },
  'ssh-keyscan': { commands: { '': ['-t='] } },
  nslookup: { commands: { '': [] } },
  dig: { commands: { '': [] } },
  ip: { global: ['-br'], commands: { addr: [], link: [] } },
  nginx: { commands: { '': ['-t', '-s='] } },
  install: { commands: { '': ['-d', '-o=', '-g=', '-m='] } },
  mkdir: { commands: { '': ['-p'] } },
  chown: { commands: { '': ['-R'] } },
  exportfs: { commands: { '': ['-r', '-a', '-v'] } },
  chmod: { commands: { '': [] } },
  mount: { commands: { '': ['--bind'] } },
  base64: { commands: { '': ['-d', '-w='] } },
  grep: { commands: { '': ['-E', '-q', '-i'] } },
  awk: { commands: { '': [] } },
  tr: { commands: { '': [] } },
  rm: { commands: { '': [] } },
  cat: { commands: { '': [] } },
  // The remote command's words are ssh's operands; sed edits what it reads with a script.
  ssh: { commands: { '': [] } },
  sed: { commands: { '': ['-n'] } },
  // mikefarah's yq: -P pretty-prints, -o names the output format.
  yq: { commands: { '': ['-P', '-o='] } },
  sleep: { commands: { '': [] } },
  date: { commands: { '': [] } },
  kill: { commands: { '': [] } },
  // tar packs a folder's entries (-c, from the folder -C names, into -f - for stdout) and unpacks them (-x);
  // ls -A lists them, hidden ones too; vi edits a file before it is copied.
  tar: { commands: { '': ['-C=', '-c', '-x', '-f='] } },
  ls: { commands: { '': ['-A'] } },
  vi: { commands: { '': [] } },
  echo: { commands: { '': ['-n'] } },
  printf: { commands: { '': [] }, operandsOnly: true },
  test: { commands: { '': ['-f'] } },
  read: { commands: { '': ['-r', '-s', '-p='] } },
  export: { commands: { '': [] } },
  cd: { commands: { '': [] } },
  sh: { commands: { '': ['-c'] } },
  // Commands a step names to read a fact off a machine.
  uname: { commands: { '': ['-m'] } },
  lspci: { commands: { '': [] } },
  getent: { commands: { group: [], hosts: [] } },
  resolvectl: { commands: { status: [] } },
  stat: { commands: { '': ['-c='] } },
  timedatectl: { commands: { show: ['-p=', '--value'] } },
  step: { commands: { 'ca root': [], 'ca provisioner list': [], 'ca provisioner add': ['--type'] } },
  just: { commands: { '': [] } },
};

/** Words that open or close a compound command: what follows them is a command of its own. */
const KEYWORDS = new Set(['do', 'then', 'until', 'while', 'if', 'else', '!']);

/** What is wrong with one simple command, or undefined. */
function problem(words: SimpleCommand): string | undefined {
  let rest = words.filter((w) => w !== '');
  while (rest.length > 0 && (KEYWORDS.has(rest[0]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]))) {
    rest = rest.slice(1);
  }
  if (rest.length === 0 || ['for', 'done', 'fi', '[', ']'].includes(rest[0])) {
    return undefined;
  }
  const [name, ...args] = rest;
  const tool = TOOLS[name];
  if (!tool) {
    return `${name}: a tool the table does not list`;
  }
  if (tool.operandsOnly) {
    return undefined;
  }
  const positionals: string[] = [];
  const flags: string[] = [];
  const takes = (flag: string, known: readonly Flag[]) => known.find((k) => k.replace(/=+$/, '') === flag);
  const allFlags = () => [...(tool.global ?? []), ...Object.values(tool.commands).flat()];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [flag] = arg.split('=');
    const spec = takes(flag, allFlags());
    if (spec !== undefined) {
      flags.push(flag);
      if (!arg.includes('=')) {
        i += (spec.match(/=/g) ?? []).length;
      }
      continue;
    }
    // A cluster of short flags (-fsS, -Hp), the last of which may take the rest or the next word as its value.
    if (/^-[A-Za-z0-9]{2,}$/.test(arg)) {
      let j = 1;
      for (; j < arg.length; j++) {
        const short = takes(`-${arg[j]}`, allFlags());
        flags.push(`-${arg[j]}`);
        if (short?.endsWith('=')) {
          i += j === arg.length - 1 ? 1 : 0;
          break;
        }
      }
      continue;
    }
    flags.push(flag);
  }
  const subcommands = Object.keys(tool.commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  const subcommand = subcommands.find((s) => s === '' || s.split(' ').every((w, k) => positionals[k] === w));
  if (subcommand === undefined) {
    return `${name} ${positionals.slice(0, 2).join(' ')}: a subcommand the table does not list`;
  }
  const known = [...(tool.global ?? []), ...tool.commands[subcommand]];
  const unknown = flags.filter((f) => takes(f, known) === undefined);
  return unknown.length > 0 ? `${name} ${subcommand}: flag(s) ${unknown.join(', ')} the table does not list for it` : undefined;
}

const sites = sitesInMemory();
const readmes = [...sites.files].filter(([file]) => file.endsWith('README.md'));

/** The `code` of a step's text that starts with a tool of the table: a command the owner runs as written, or fills in (`<vm>`). */
function inlineCommands(what: string): string[] {
  return [...what.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((code) => TOOLS[code.split(' ')[0]] !== undefined);
}

/** Every command of a README: the command cells, the shell blocks below the table and those in the steps' prose and code. */
function commands(text: string): string[] {
  const cells = rows(text).map(([, command]) => command).filter((c) => c !== '' && !c.startsWith('block '));
  return [...cells, ...blocks(text).filter(isShellBlock), ...rows(text).flatMap(([what]) => [...proseCommands(what), ...inlineCommands(what)])];
}

describe('the commands of every README', () => {
  test('each names a tool, a subcommand and flags that the tool has', () => {
    const problems = readmes.flatMap(([file, text]) => commands(text).flatMap((command) => simpleCommands(command)
      .map(problem).filter((p): p is string => p !== undefined).map((p) => `${file}: ${p} (in ${command.slice(0, 120)})`)));
    expect(problems).toEqual([]);
  });

  test("a command in a step's prose parses as bash and holds no bare <placeholder>", () => {
    const commands = readmes.flatMap(([file, text]) => rows(text).flatMap(([what]) => proseCommands(what)).map((command) => ({ file, command })));
    expect(commands.length).toBeGreaterThan(10);
    const unparsed = new Set(unparsedByBash(commands.map((c) => c.command)));
    expect(commands.filter((c) => unparsed.has(c.command))).toEqual([]);
    expect(commands.filter((c) => /(^|[\s=])<[a-z][^>]*>/i.test(c.command))).toEqual([]);
  });

  test('a command cell holds no <placeholder>, even quoted: the owner would run it as it is, a <name> and all', () => {
    const placeholders = readmes.flatMap(([file, text]) => rows(text).map(([, command]) => command)
      .filter((command) => /<[a-z][a-z -]*>/i.test(command)).map((command) => `${file}: ${command}`));
    expect(placeholders).toEqual([]);
  });

  test('talosctl reaches running nodes only after a step gives it its config (endpoints and client certificate)', () => {
    for (const [file, text] of readmes) {
      let configured = false;
      for (const [what, cell] of rows(text)) {
        const block = /^block (\d+) below the table$/.exec(cell);
        const texts = [...proseCommands(what), block ? blocks(text)[Number(block[1]) - 1] : cell];
        for (const words of texts.flatMap((t) => simpleCommands(t))) {
          const at = words.indexOf('talosctl');
          const [sub, sub2] = words.slice(at + 1).filter((w) => !w.startsWith('-'));
          const offline = sub === 'gen' || sub === 'config' || (sub === 'version' && words.includes('--client')) || words.includes('--insecure');
          if (at >= 0 && !offline) {
            expect({ file, command: words.join(' '), configured }).toEqual({ file, command: words.join(' '), configured: true });
          }
          configured ||= words.some((w) => /^TALOSCONFIG=/.test(w)) || (sub === 'config' && sub2 === 'endpoint');
        }
      }
    }
  });

  test('each namespace, Kustomization and GitRepository a command names is one the cluster has, or one a command of its README makes', () => {
    const problems: string[] = [];
    for (const [file, text] of readmes) {
      const folder = file.replace(/README\.md$/, '');
      const docs = [...sites.files].filter(([name]) => name.startsWith(folder) && /\.ya?ml$/.test(name))
        .flatMap(([, yaml]) => parseAllDocuments(yaml).map((d) => d.toJS() as any)).filter((d) => d?.kind);
      const named = (kind: string) => new Set(docs.filter((d) => d.kind === kind).map((d) => d.metadata?.name));
      // Namespaces of the cluster's objects, those its charts and Applications install into, and the built-in ones.
      const namespaces = new Set<string>(['default', 'kube-system', ...named('Namespace'),
        ...docs.map((d) => d.metadata?.namespace), ...docs.map((d) => d.spec?.targetNamespace), ...docs.map((d) => d.spec?.destination?.namespace)]);
      // Flux's own objects come with flux bootstrap, in flux-system.
      const kustomizations = new Set(['flux-system', ...named('Kustomization')]);
      const repositories = new Set(['flux-system', ...named('GitRepository')]);
      for (const command of commands(text)) {
        for (const words of simpleCommands(command)) {
          const at = words.findIndex((w) => ['kubectl', 'flux', 'helm', 'argocd'].includes(w));
          if (at < 0) {
            continue;
          }
          const [tool, ...args] = words.slice(at);
          const valueOf = (...flags: string[]) => args.flatMap((a, i) => flags.flatMap((f) => (a === f ? [args[i + 1]] : a.startsWith(`${f}=`) ? [a.slice(f.length + 1)] : [])));
          // A word is an argument unless it is a flag or the value of the flag before it (`-n ns`, not `--for=x`).
          const positionals = args.filter((a, i) => !a.startsWith('-') && !(/^-/.test(args[i - 1] ?? '') && !args[i - 1].includes('=')));
          if (tool === 'kubectl' && positionals[0] === 'create' && ['namespace', 'ns'].includes(positionals[1])) {
            namespaces.add(positionals[2]);
          }
          if (tool === 'helm' && args.includes('--create-namespace')) {
            valueOf('--namespace', '-n').forEach((n) => namespaces.add(n));
          }
          for (const namespace of valueOf('--namespace', '-n').filter((n) => !namespaces.has(n))) {
            problems.push(`${file}: namespace ${namespace} (in ${command.slice(0, 100)})`);
          }
          const kustomization = tool === 'flux' && positionals[positionals.indexOf('kustomization') + 1];
          if (kustomization && positionals.includes('kustomization') && !kustomizations.has(kustomization)) {
            problems.push(`${file}: Kustomization ${kustomization}`);
          }
          const repository = tool === 'flux' && positionals.join(' ').startsWith('reconcile source git') && positionals[3];
          if (repository && !repositories.has(repository)) {
            problems.push(`${file}: GitRepository ${repository}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('the table catches what it is for: an unknown subcommand, an unknown flag, a tool it does not list', () => {
    expect(problem(['flux', 'reconcile', 'kustomization', '--all'])).toMatch(/flag\(s\) --all/);
    expect(problem(['flux', 'reconcile', 'everything'])).toMatch(/subcommand/);
    expect(problem(['kubectl', '-n', 'argocd', 'wait', 'application', 'a', '--for=condition=Ready', '--timeout', '5m'])).toBeUndefined();
    expect(problem(['curl', '-fsS', '-u', 'a:b', 'https://example.org'])).toBeUndefined();
    expect(problem(['{"m.server":', 'x'])).toMatch(/does not list/);
    expect(simpleCommands('until kubectl apply -k a; do sleep 30; done && x=$(talosctl version --client | awk \'{print $2}\')'))
      .toEqual([['until', 'kubectl', 'apply', '-k', 'a'], ['do', 'sleep', '30'], ['done'], ['talosctl', 'version', '--client'], ['awk', '{print $2}'], ['x=$(talosctl version --client | awk \'{print $2}\')']]);
    // A step's prose with an apostrophe is read as a quote left open: the command ends with the line.
    expect(simpleCommands("kubectl cp into the namespace's claim")).toEqual([['kubectl', 'cp', 'into', 'the', "namespaces claim"]]);
  });
});

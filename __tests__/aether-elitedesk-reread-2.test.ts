import { spawnSync } from 'child_process';
import { load } from 'js-yaml';
import { defineAether } from '../charts/aether';
import { defineElitedesk } from '../charts/elitedesk';
import { blocks, bashParses, rows, stepsOf } from './support/readme';
import { manifestsOf, REPO_ROOT, synthInMemory } from './support/synth';

// The aether and elitedesk designs read a second time against the synthesized output, as the owner reads each
// cluster's README on the day they bootstrap and migrate it, and as the API server reads its YAML.

const aetherResult = synthInMemory(defineAether);
const aetherObjects = manifestsOf(aetherResult, 'aether/main');
const aetherReadme = aetherResult.files.get('aether/main/README.md')!;
const aetherRows = rows(aetherReadme);
const aetherStep = stepsOf(aetherRows);
const aetherValues = (release: string) => load(aetherResult.files.get(`aether/main/helm/${release}.values.yml`)!) as Record<string, any>;

describe("aether: GitLab moves from its VM into the chart's GitLab, whose release and edition the VM's backup must match", () => {
  const gitlab = aetherValues('gitlab');
  const move = () => aetherStep('move GitLab from its VM, the last of the stacks');

  test("the edition the chart runs is a placeholder, listed before the first deploy, and the values file sets it", () => {
    const [what] = aetherRows[aetherStep('edition of GitLab the chart runs (ee or ce)')];
    expect(what).toContain("set to the edition the GitLab VM runs (its Help page names it), before GitLab first starts");
    expect(what).toContain('(now `ee`)');
    expect(gitlab.global.edition).toBe('ee');
    expect(aetherStep('edition of GitLab the chart runs')).toBeLessThan(aetherStep("include the job file from the repository's .gitlab-ci.yml"));
  });

  test("the move names the GitLab release of the chart the deploy job installs, the VM's secrets and the Secret they go into", () => {
    const ci = aetherResult.files.get('aether/main/gitlab-ci.yml')!;
    expect(ci).toContain('helm upgrade --install gitlab gitlab --repo https://charts.gitlab.io --version 8.11.2 ');
    const [what, command] = aetherRows[move()];
    expect(what).toContain("first bring the VM's GitLab to 17.11.2, the release chart 8.11.2 runs, in the edition set above (ee)");
    expect(what).toContain('/etc/gitlab/gitlab-secrets.json');
    expect(what).toContain('Secret infra/gitlab-rails-secret (key secrets.yml, under production)');
    expect(what).toContain('backup-utility --restore in the toolbox pod');
    expect(command).toMatch(/^block \d+ below the table$/);
    const block = blocks(aetherReadme).find((b) => b.includes('create secret generic gitlab-rails-secret'))!;
    expect(block.split('\n')).toEqual([
      "yq -P '{\"production\": .gitlab_rails}' gitlab-secrets.json -o yaml > gitlab-secrets.yaml",
      'kubectl -n infra create secret generic gitlab-rails-secret --from-file=secrets.yml=gitlab-secrets.yaml --dry-run=client -o yaml | kubectl apply -f -',
      "kubectl -n infra delete pods -l 'release=gitlab,app in (webservice,sidekiq,toolbox)'",
    ]);
    expect(bashParses(block)).toBe(true);
  });

  test('the stacks\' migration points at it, and the root password step follows it', () => {
    const [migration] = aetherRows[aetherStep("move the stacks in the design's order")];
    expect(migration).toContain("GitLab's backup, made by the release the chart runs, into its chart's as the step of GitLab's move below says");
    expect(aetherStep("move the stacks in the design's order")).toBeLessThan(move());
    expect(move()).toBeLessThan(aetherStep('sign in to GitLab at https://gitlab.apps.home.shdr.ch as root'));
  });
});

describe("aether: the media stack VM's Jellyfin /config starts only under a release no older than the one that wrote it", () => {
  const image = () => {
    const deployment = aetherObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'jellyfin');
    return deployment.spec.template.spec.containers[0].image as string;
  };

  test("the wizard step, which offers to copy that /config in, names the image's release and the placeholder that changes it", () => {
    expect(image()).toBe('jellyfin/jellyfin:10.10.7');
    const [what] = aetherRows[aetherStep("as soon as Jellyfin's pod runs, finish its startup wizard")];
    expect(what).toContain("copy that VM's /config into its claim and scale it back to 1 (Jellyfin migrates a /config forward only: "
      + "one of a release newer than its image's, 10.10.7, first needs the placeholder of Jellyfin's image at that release)");
  });

  test("the image's placeholder asks for a release no older than the VM's when its /config comes along", () => {
    const [what] = aetherRows[aetherStep("Jellyfin's image, one that adds rffmpeg")];
    expect(what).toContain("on the release that wrote the media stack VM's /config or a newer one when you bring that /config");
  });
});

describe("aether: the design's group → namespace mapping spans three top-level groups, which GitLab lets one agent serve only instance-wide", () => {
  const config = load(aetherResult.files.get('aether/main/gitlab-agent/k8s-agent.config.yml')!) as { ci_access: { groups: Array<{ id: string }> } };

  test("the step right after the agent's registration names the groups outside infra and the setting GitLab 18.1 asks for", () => {
    expect(config.ci_access.groups.map((g) => g.id)).toEqual(['infra', 'projects', 'peers/alice', 'peers/bob']);
    const register = aetherStep('register agent "k8s-agent" in GitLab project infra/k8s-agent');
    const serve = aetherStep('let the agent serve the CI jobs of projects, peers/alice, peers/bob, which are not under infra');
    expect(serve).toBe(register + 1);
    expect(serve).toBeLessThan(aetherStep("include the job file from the repository's .gitlab-ci.yml"));
    const [what] = aetherRows[serve];
    expect(what).toContain('only from GitLab 18.1 on, self-managed, with instance level authorization on (Admin → Settings → General → GitLab agent for Kubernetes → Enable instance level authorization)');
    expect(what).toContain('their jobs get no context infra/k8s-agent:k8s-agent');
    // The deploy jobs of this repository, a project of infra, use that context and need no setting.
    expect(aetherResult.files.get('aether/main/gitlab-ci.yml')).toContain('KUBE_CONTEXT: infra/k8s-agent:k8s-agent');
  });

  test("GitLab's move into the chart, whose GitLab 17.11.2 has no such setting, says what the other groups' jobs then need", () => {
    const [what] = aetherRows[aetherStep('move GitLab from its VM, the last of the stacks')];
    expect(what).toContain("GitLab 17.11.2 authorizes no agent's CI access outside the top-level group of its project");
    expect(what).toContain('the jobs of the groups outside infra reach the cluster only once the chart runs GitLab 18.1 or later');
    expect(what).toContain('a VM of a newer release needs a chart of that release instead');
  });
});

describe("aether: the monitoring VM's alert rules name the node condition as Prometheus stores what the OTLP gateway sends", () => {
  const rulesBlock = () => blocks(aetherReadme).find((b) => b.includes('alert: KubernetesClusterDown'))!;

  test('the rules are YAML Prometheus loads, and each matches the gauge with the _ratio suffix of the default translation or without it', () => {
    const rules = (load(rulesBlock()) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> }).groups[0].rules;
    const selector = '{__name__=~"k8s_node_condition_ready(_ratio)?"}';
    expect(rules.map((r) => [r.alert, r.expr])).toEqual([
      ['KubernetesClusterDown', `absent_over_time(${selector}[5m])`],
      ['KubernetesNodeNotReady', `${selector} != 1`],
    ]);
    // Prometheus anchors a regex matcher: it matches those two names and no other.
    const names = new RegExp('^(?:k8s_node_condition_ready(_ratio)?)$');
    expect(['k8s_node_condition_ready_ratio', 'k8s_node_condition_ready', 'k8s_node_condition_ready_total'].map((n) => names.test(n))).toEqual([true, true, false]);
  });

  test("the metric is the cluster collector's k8s_cluster receiver's, and the step says why its Prometheus name has two spellings", () => {
    const collector = aetherValues('otel-cluster-collector');
    expect(collector.config.service.pipelines.metrics.receivers).toEqual(['k8s_cluster']);
    const [what] = aetherRows[aetherStep('in Prometheus on the monitoring stack (Niobe), load these alerting rules')];
    expect(what).toContain("The condition is the collector's k8s.node.condition_ready (1 Ready, 0 not, -1 unknown), a gauge of unit 1, "
      + 'which Prometheus names k8s_node_condition_ready_ratio when its OTLP translation adds unit suffixes, as it does by default');
  });
});

describe("aether: Synapse keeps the messaging stack VM's signing key, which other servers check its copied events with", () => {
  test('the key goes into the Secret of the chart release before the first deploy, whose Job then makes none', () => {
    const index = aetherStep("to keep the messaging stack VM's Matrix identity (shdr.ch) when its database moves here");
    expect(index).toBeLessThan(aetherStep("include the job file from the repository's .gitlab-ci.yml"));
    const [what, command] = aetherRows[index];
    expect(what).toContain('create Secret infra/synapse-matrix-synapse-signingkey with key signing.key');
    expect(what).toContain("the chart's Job makes a new key only when that Secret holds none");
    expect(command).toBe('kubectl create namespace infra --dry-run=client -o yaml | kubectl apply -f - '
      + '&& kubectl -n infra create secret generic synapse-matrix-synapse-signingkey --from-file=signing.key=./signing.key');
    expect(bashParses(command)).toBe(true);
    // The Secret is `<fullname>-signingkey` of release synapse of chart matrix-synapse, whose Deployment the README names alike.
    const ci = aetherResult.files.get('aether/main/gitlab-ci.yml')!;
    expect(ci).toContain('helm upgrade --install synapse matrix-synapse --repo https://ananace.gitlab.io/charts --version 3.12.2 --namespace infra');
    expect(aetherRows[aetherStep('Element (https://element.apps.home.shdr.ch) signs in')][1]).toContain('deployment/synapse-matrix-synapse ');
  });
});

describe("aether: OpenWebUI and MCPO run in the cluster already, from the design's OpenTofu file, and move into this repository's", () => {
  const tofuFile = 'tofu/home/kubernetes/openwebui.tf';

  test("a step moves OpenTofu's OpenWebUI's data into the objects synth writes, then takes it out of OpenTofu, whose route holds the host until then", () => {
    const index = aetherStep(`OpenWebUI and MCPO already run in this cluster from OpenTofu (${tofuFile})`);
    const [what] = aetherRows[index];
    const deployment = aetherObjects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'openwebui-api' && o.metadata.namespace === 'infra');
    const claim = deployment.spec.template.spec.volumes.find((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim).persistentVolumeClaim.claimName;
    const mount = deployment.spec.template.spec.containers[0].volumeMounts.find((m: { name: string }) => m.name !== 'tmp').mountPath;
    expect([claim, mount]).toEqual(['openwebui-api-data', '/app/backend/data']);
    expect(what).toContain(`copy that OpenWebUI's ${mount} into claim infra/${claim}`);
    expect(aetherObjects.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'openwebui-postgres')).toBe(true);
    expect(what).toContain('scale deployment infra/openwebui-api to 0, empty database openwebui of infra/openwebui-postgres');
    expect(what).toContain(`then take OpenWebUI and MCPO out of OpenTofu (their resources in ${tofuFile}, then tofu apply)`);
    const route = aetherObjects.find((o) => o.kind === 'HTTPRoute' && o.metadata.name === 'openwebui');
    expect(what).toContain(`until then main-gateway sends ${route.spec.hostnames[0]} to OpenTofu's OpenWebUI`);
    expect(index).toBeGreaterThan(aetherStep("include the job file from the repository's .gitlab-ci.yml"));
  });

  test("the tuning placeholders point at that file, where the design's tuning for 4+ concurrent users is", () => {
    for (const variable of ['MODELS_CACHE_TTL', 'CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE', 'THREAD_POOL_SIZE', 'AIOHTTP_CLIENT_TIMEOUT']) {
      const [what] = aetherRows[aetherStep(`(${variable}, `)];
      expect([variable, what.includes(`of the tuning for 4+ concurrent users (${tofuFile})`)]).toEqual([variable, true]);
    }
  });
});

describe("aether: the design's cluster runs already, with what its first phases have done, which the first deploy meets", () => {
  test('a step before the first deploy says which steps that cluster skips, and lists what runs beside the releases the jobs install', () => {
    const index = aetherStep("the design's cluster runs already, with what its first three phases have done");
    expect(index).toBeLessThan(aetherStep("include the job file from the repository's .gitlab-ci.yml"));
    expect(index).toBeGreaterThan(aetherStep('install Cilium 1.17.5 once, before the GitOps engine'));
    const [what, command] = aetherRows[index];
    expect(what).toContain("skip the steps above that made it (the VMs, etcd's bootstrap, Cilium's install)");
    expect(what).toContain('Knative Serving, which the Knative Operator installs here');
    expect(bashParses(command)).toBe(true);
    // The sed of the command prints each release of the job file with its namespace, as helm list -A shows them.
    const sed = /sed -n '([^']+)' (\S+)/.exec(command)!;
    const ci = aetherResult.files.get(sed[2].replace(/^dist\//, ''))!;
    const run = spawnSync('sed', ['-n', sed[1]], { input: ci, encoding: 'utf8' });
    const listed = run.stdout.trim().split('\n');
    expect(listed).toContain('kube-system cilium');
    expect(listed).toContain('crossplane-system crossplane');
    expect(listed).toContain('system otel-node');
    expect(listed).toHaveLength((ci.match(/helm upgrade --install /g) ?? []).length);
  });
});

const elitedeskResult = synthInMemory(defineElitedesk);
const elitedeskReadme = elitedeskResult.files.get('elitedesk/main/README.md')!;
const elitedeskRows = rows(elitedeskReadme);
const elitedeskStep = stepsOf(elitedeskRows);
const ignored = (file: string) => spawnSync('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: REPO_ROOT }).status === 0;

describe("elitedesk: the state of the owner's Terraform in infra/, which holds the cluster's secrets, stays out of the pushes that follow", () => {
  test('the step runs Terraform in infra/ at the root, before the steps that commit and push, and says Git ignores its state', () => {
    const index = elitedeskStep('from your own Terraform code in infra/ at the root of this repository');
    const [what] = elitedeskRows[index];
    expect(what).toContain('Git ignores its state, terraform.tfstate, which holds the machine secrets and the admin kubeconfig in plain text, and its .terraform/ folder');
    expect(what).toMatch(/: cd infra && terraform init && terraform apply *$/);
    expect(index).toBeLessThan(elitedeskStep('then synthesize, commit and push'));
  });

  test("Git ignores the state and the provider cache there, and still sees the owner's own Terraform code", () => {
    for (const file of ['infra/terraform.tfstate', 'infra/terraform.tfstate.backup', 'infra/.terraform/providers/registry.terraform.io/x']) {
      expect([file, ignored(file)]).toEqual([file, true]);
    }
    for (const file of ['infra/main.tf', 'infra/.terraform.lock.hcl']) {
      expect([file, ignored(file)]).toEqual([file, false]);
    }
  });
});

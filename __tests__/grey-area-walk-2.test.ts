import { manifestsOf, sitesInMemory } from './support/synth';

// grey-area walked once more from a bare cluster to running services: what the earlier walks left out.

const result = sitesInMemory();
const readme = result.files.get('grey-area/main/README.md')!;
const manifests = manifestsOf(result, 'grey-area/main');
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const bullet = (title: string) => readme.split('\n').find((line) => line.startsWith(`- **${title}**`))!;

describe("grey-area: the Ollama in the design's Nix-built image is nixpkgs' release, whatever its tag says", () => {
  test("the tag 0.1.2 names the image; the README does not reason about the behaviour of Ollama 0.1.2, which the image does not hold", () => {
    const ollama = bullet('Ollama');
    expect(ollama).not.toContain('0.1.2 reads neither');
    expect(ollama).toContain('The tag 0.1.2, the design\'s "Ollama (v0.1.2)", names the image only');
    expect(ollama).toContain("the Ollama in it is the release the flake's pinned nixpkgs packages");
    expect(ollama).toContain('has the `ollama ps` the GPU check reads');
  });

  test('the models sit where Ollama looks by itself, and OLLAMA_MODELS names the same folder', () => {
    const container = find('Deployment', 'ollama').spec.template.spec.containers[0];
    const home = container.env.find((e: { name: string }) => e.name === 'HOME').value;
    expect(find('ConfigMap', 'ollama-config').data.OLLAMA_MODELS).toBe(`${home}/.ollama/models`);
    expect(container.volumeMounts).toEqual(expect.arrayContaining([{ name: 'models', mountPath: `${home}/.ollama/models` }]));
  });
});

describe("grey-area: the public Nginx proxy waits for Ollama while it loads a model from sleeper-service", () => {
  const step = () => readme.split('\n').find((line) => line.startsWith('| manual | on the public Nginx reverse proxy'))!;
  const config = () => readme.slice(readme.indexOf('cat > /etc/nginx/conf.d/ollama.conf'), readme.indexOf('nginx -t && nginx -s reload'));

  test("the location waits longer than nginx's default 60 seconds, which would end the request and Ollama's load with it", () => {
    const location = config().slice(config().indexOf('location /ollama/ {'));
    expect(location).toContain('proxy_read_timeout 10m;');
    expect(step()).toContain("Ollama sends nothing until the model is loaded from sleeper-service's NFS, and drops the load when the proxy hangs up at nginx's default 60 seconds");
  });

  test('streamed answers pass to the client as Ollama writes them', () => {
    expect(config()).toContain('proxy_buffering off;');
    expect(step()).toContain('streamed answers pass as they come (proxy_buffering off)');
  });

  test('the design choice on the public proxy says so', () => {
    expect(bullet('Names and the public proxy.')).toContain("waits for Ollama longer than nginx's default 60 seconds");
  });
});

describe("grey-area: Nextcloud logs in to its database as the claim's user, whose password the owner's Secret sets", () => {
  test("the installer keeps the claim's user: that user is its server's superuser, so it would otherwise make a role of its own", () => {
    const env = Object.fromEntries(find('Deployment', 'nextcloud').spec.template.spec.containers[0].env.map((e: { name: string }) => [e.name, e]));
    expect(env.NC_setup_create_db_user).toEqual({ name: 'NC_setup_create_db_user', value: 'false' });
    expect(env.POSTGRES_USER.valueFrom.secretKeyRef).toEqual({ name: 'nextcloud-db-connection', key: 'username' });
  });

  test('the design choice on Nextcloud says why, and the Secret step says Nextcloud keeps that password', () => {
    expect(bullet('Nextcloud')).toContain("It logs in to the database as the claim's `nextcloud-user` with the owner's password (`NC_setup_create_db_user=false`)");
    expect(readme).toContain('Nextcloud writes it into its config.php when it installs');
  });
});

describe("grey-area: the links Nextcloud's background jobs write lead to its route, not to the http://localhost its install sets", () => {
  const envOf = (kind: string, name: string) => {
    const spec = kind === 'CronJob' ? find(kind, name).spec.jobTemplate.spec.template.spec : find(kind, name).spec.template.spec;
    return Object.fromEntries(spec.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
  };

  test('both pods that run Nextcloud, the server and the cron job, read its route as overwrite.cli.url, over https', () => {
    for (const [kind, name] of [['Deployment', 'nextcloud'], ['CronJob', 'nextcloud-cron']]) {
      expect(envOf(kind, name)).toMatchObject({ OVERWRITECLIURL: 'https://nextcloud.grey-area.tailnet', OVERWRITEPROTOCOL: 'https' });
    }
    const route = find('IngressRoute', 'nextcloud');
    expect(route.spec.routes[0].match).toBe('Host(`nextcloud.grey-area.tailnet`)');
  });

  test('the design choice on Nextcloud says why', () => {
    expect(bullet('Nextcloud')).toContain('`OVERWRITECLIURL` its route\'s URL, the base of the links its background jobs write, which its install sets to `http://localhost`');
  });
});

import { sitesInMemory } from './support/synth';

// grey-area walked a third time, day one and day two: what the earlier walks left out.

const result = sitesInMemory();
const readme = result.files.get('grey-area/main/README.md')!;
const rows = readme.split('\n').filter((line) => line.startsWith('| '));
const row = (start: string) => rows.find((line) => line.startsWith(start))!;
const commandOf = (line: string) => line.split('`')[1] ?? '';
const at = (start: string) => rows.findIndex((line) => line.startsWith(start));

describe("grey-area, day two: a node that joins later trusts the lab CA the cluster already has", () => {
  const makeCa = "| bootstrap | make the lab's certificate authority once";
  const trust = "| bootstrap | let each node's containerd trust the lab CA for the registry";

  test('the step that makes the CA makes it only: run again, it would not also patch the nodes with a CA that signs nothing', () => {
    expect(commandOf(row(makeCa))).toMatch(/^openssl req -x509 /);
    expect(commandOf(row(makeCa))).not.toContain('talosctl');
    expect(row(makeCa)).toContain('Never run it again');
  });

  test("the nodes' trust reads the CA from cert-manager's Secret, so it can be run again for every node, and comes before the first sync", () => {
    const command = commandOf(row(trust));
    expect(command).toContain('talosctl patch mc --nodes 100.64.0.1,100.64.0.2,100.64.0.3 ');
    expect(command).toContain("$(kubectl -n cert-manager get secret grey-area-ca -o jsonpath='{.data.tls\\.crt}')");
    expect(command).not.toMatch(/openssl|base64 -w0/);
    expect(row(trust)).toContain('When a node joins later, run it again');
    expect(at('| bootstrap | create TLS Secret cert-manager/grey-area-ca')).toBeLessThan(at(trust));
    expect(at(trust)).toBeLessThan(at('| bootstrap | first sync:'));
  });
});

describe("grey-area, day two: a node that joins later passes the other nodes' ingress firewall", () => {
  test('the firewall step, whose rules name each node for trustd, the kubelet and Flannel, says to apply it again when a node joins', () => {
    const firewall = row('| bootstrap | close the nodes to every network but 100.64.0.0/10');
    expect(commandOf(firewall)).toContain('"name":"trustd-ingress","portSelector":{"ports":[50001],"protocol":"tcp"},"ingress":[{"subnet":"100.64.0.1/32"}');
    expect(firewall).toContain('When a node joins later, run that kept patch again as the README then writes it, whose rules name the new node too');
    expect(firewall).toContain("so until then they refuse the new node's join and its pods' traffic");
  });
});

describe("grey-area, day two: a node that joins later mounts the NFS export the claims of nfs-csi live on", () => {
  test("the export's step names each node, and says to export to a new one before it joins", () => {
    const exportStep = row('| bootstrap | export nfs.limiting-factor.tailnet:/export/kubernetes with no_root_squash to the nodes, 100.64.0.1, 100.64.0.2, 100.64.0.3');
    expect(exportStep).toContain('When a node joins later, export to it the same way before it joins: the server refuses the mounts of a node the export does not name');
  });
});

describe("grey-area, day two: Nextcloud moves to a newer release one major at a time", () => {
  test("the step names the release the cluster runs and the next two majors, since the image refuses to skip one", () => {
    const step = row('| manual | to move Nextcloud to a newer release');
    expect(step).toContain('raise its image in charts/grey-area/main.ts (now nextcloud:29.0.16-apache) one major release at a time, 29 to 30, then 30 to 31');
    expect(step).toContain('"It is only possible to upgrade one major version at a time"');
    expect(commandOf(step)).toBe('curl -fsS --cacert "$LAB_CA" https://nextcloud.grey-area.tailnet/status.php');
  });

  test('a tag that names no major still gets the step, without numbers', () => {
    const { nextcloudMajorOf, nextcloudUpgradeStep } = jest.requireActual('../charts/grey-area/nextcloud-upgrade');
    expect(nextcloudMajorOf('nextcloud:31-apache')).toBe(31);
    expect(nextcloudMajorOf('nextcloud:apache')).toBeUndefined();
    expect(nextcloudUpgradeStep('nextcloud:apache', 'nc.example', 'main.ts').action).toContain('one major release at a time: the image refuses');
  });
});

describe("grey-area, day two: Grafana's administrator, whose database lives in its pod", () => {
  test("the Secret's step says a password changed in Grafana's UI goes with the pod, and how to change it in the Secret instead", () => {
    const step = row('| bootstrap | create Secret monitoring/grafana-admin');
    expect(step).toContain('Grafana keeps its database in its pod (no claim): every start makes its administrator anew from this Secret');
    expect(step).toContain('kubectl -n monitoring patch secret grafana-admin -p "{\\"stringData\\":{\\"admin-password\\":\\"$(openssl rand -base64 24)\\"}}" '
      + '&& kubectl -n monitoring rollout restart deployment/kube-prometheus-stack-grafana');
  });
});

describe("grey-area, day two: a node that joins later resolves the .tailnet names its NFS mounts and pulls need", () => {
  test("the nameservers patch, which no first config carries, says to run it again once a new node runs", () => {
    const patch = row('| bootstrap | machine config of the running nodes: resolve names through 100.100.100.100');
    expect(patch).toContain('Run it again, as the README then writes it, once a node that joins later runs (its first config leaves this out): talosctl patch mc --nodes 100.64.0.1,100.64.0.2,100.64.0.3 ');
    expect(row('| bootstrap | first config of node congenital-optimist')).not.toContain('nameservers');
  });
});

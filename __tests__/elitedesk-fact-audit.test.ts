import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { elitedeskDesignChoices } from '../charts/elitedesk/design-choices';
import { secretReplicatorComponent, wildcardCertificateName } from '../constructs';

// Every concrete fact of the elitedesk design read against the committed output, for the ones its README
// named otherwise than the objects have them. The committed output is read from dist/, which synth keeps equal
// to a fresh synthesis; the README's choices come from the chart's own function, as synth writes them.

const OUTPUT = path.join(__dirname, '..', 'dist', 'elitedesk', 'main');
const documents = (file: string) => yaml.loadAll(fs.readFileSync(path.join(OUTPUT, file), 'utf8')) as Array<Record<string, any>>;
const committedReadme = fs.readFileSync(path.join(OUTPUT, 'README.md'), 'utf8');

const DOMAIN = 'homelab.example.com';
const choices = elitedeskDesignChoices({
  layers: ['elitedesk-main-platform', 'elitedesk-main-config', 'elitedesk-main-apps'],
  sopsFiles: [],
  podinfoPort: 9898,
  dns01Resolvers: [],
  wildcardCertificate: wildcardCertificateName(DOMAIN),
});
const choice = (title: string) => choices.find((line) => line.startsWith(`**${title}**`))!;

describe("elitedesk: the design's secret-replicator is the HelmRelease and namespace of that name; the Helm release keeps the chart's", () => {
  const release = documents('platform/secret-replicator.yaml').find((d) => d.kind === 'HelmRelease')!;

  test('the bullet names the HelmRelease and namespace secret-replicator, and the release name the output gives Helm', () => {
    expect(release.metadata).toEqual({ name: 'secret-replicator', namespace: 'secret-replicator' });
    expect(release.spec.releaseName).toBe('kubernetes-replicator');
    const bullet = choice('The wildcard certificate.');
    expect(bullet).toContain('as HelmRelease and namespace `secret-replicator`');
    expect(bullet).not.toContain('as release and namespace');
    // The chart names its Deployment after a release whose name holds the chart's: kubernetes-replicator.
    expect(bullet).toContain(`its Helm release and Deployment keep the chart's name, \`${release.spec.releaseName}\``);
    expect(secretReplicatorComponent().install).toMatchObject({ releaseName: release.spec.releaseName });
  });
});

describe("elitedesk: the design's letsencrypt-wildcard-cert is named as the Certificate the output has", () => {
  test('the bullet names the Certificate and Secret of the apps layer', () => {
    const [certificate] = documents('apps/wildcard-certificate.yaml');
    expect(certificate.metadata).toEqual({ name: wildcardCertificateName(DOMAIN), namespace: 'cert-manager' });
    expect(certificate.spec.secretName).toBe(certificate.metadata.name);
    expect(choice('The wildcard certificate.')).toContain(
      "The design's `letsencrypt-wildcard-cert` is one Certificate in `cert-manager`, `wildcard-homelab-example-com-tls` (the name of its Secret too)",
    );
  });
});

describe("elitedesk: the design's planned metrics stack is named by its parts, none of which runs", () => {
  test('the planned bullet names Prometheus and Grafana, and no file of the output installs either', () => {
    expect(choice('Planned, not built.')).toContain("a metrics stack (the design's Prometheus and Grafana: none runs, and ingress-nginx's metrics are off)");
    const releases = ['platform/cert-manager.yaml', 'platform/ingress-nginx.yaml', 'platform/metallb.yaml', 'platform/secret-replicator.yaml',
      'platform/csi-driver-nfs.yaml', 'platform/cilium/release.yaml'].flatMap(documents).filter((d) => d.kind === 'HelmRelease');
    expect(releases.map((r) => r.spec.chart.spec.chart).filter((chart) => /prometheus|grafana/.test(chart))).toEqual([]);
  });

  test('the committed README carries the bullets as the chart writes them', () => {
    for (const title of ['The wildcard certificate.', 'Planned, not built.']) {
      expect(committedReadme).toContain(`- ${choice(title)}`);
    }
  });
});

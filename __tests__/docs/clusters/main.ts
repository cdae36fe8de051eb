// The module constructs/README.md's entry script loads (see package-readme-entry.ts). Never run.
import { Construct } from 'constructs';
import { ClusterChart, flux, host, localPathStorage, site, traefik } from '../../../constructs';

const nuc = host('nuc', { arch: 'amd64', address: '192.168.1.10' });
const lab = site('lab', { domain: 'lab.example.com', hosts: [nuc] });

export class Main extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'main', { site: lab, hosts: [nuc], storage: { fast: localPathStorage() }, gitops: flux(), routes: traefik({ hostPorts: true }) });
  }
}

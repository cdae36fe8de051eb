// constructs/README.md's lab, verbatim but for the import path (see readme-examples.ts). Never run.
import { Construct } from 'constructs';
import { App, AppVolume, ClusterChart, flux, host, localPathStorage, metalLb, placeholder, runSynthCli, site, traefik } from '../../constructs';

// Facts: two machines, one domain, addresses for services, the Git repository Flux pulls from.
const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', gpus: [{ vendor: 'intel' }] });
const pi = host('pi', {
  arch: 'arm64', address: placeholder('192.168.1.11', { fact: 'Raspberry Pi address', owner: 'set to its DHCP reservation' }),
});
const lab = site('lab', {
  domain: 'lab.example.com', hosts: [nuc, pi], git: { url: 'https://git.example.com/me/lab.git' },
  pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
});

// What runs where: platform choices, then apps that state intent.
class Main extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'main', {
      site: lab, hosts: [nuc, pi], storage: { fast: localPathStorage() }, gitops: flux(),
      routes: traefik({ address: lab.pools.vips.at('192.168.1.240') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
    });
    new App(this, 'whoami', {
      image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }], route: { host: 'whoami' },
    });
    new App(this, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'www' } });
    new App(this, 'uptime-kuma', {
      image: 'louislam/uptime-kuma:1.23.16', command: ['node', 'server/server.js'],
      env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' }, ports: [{ name: 'http', port: 3001 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' } },
      probes: { readiness: { httpPath: '/' } }, route: { host: 'uptime' },
    });
  }
}

process.exitCode = runSynthCli((scope) => new Main(scope), { outdir: 'dist' });

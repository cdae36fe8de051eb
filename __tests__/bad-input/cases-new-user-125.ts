import type { BadInput } from './cases';
import { guarded } from './lab';
import { labCaLab, STEP_CA_DIRECTORY, stepCaIssuer, TRUSTING_APPS } from '../support/lab-ca-lab';

// A lab that runs its own CA (see support/lab-ca-lab), each mistake one its owner makes from the README: step-ca's
// ACME URL without its /directory, step-ca at its Service trusted with the public roots, and trust-manager's Bundle
// selecting namespaces that leave out an app that mounts its ConfigMap, and a CA-file variable naming a file
// the ConfigMap has no key for. Each synthesized, and cert-manager or the
// kubelet then waited for nothing.

export const CASES: BadInput[] = [
  {
    name: "step-ca's ACME server given as the provisioner's path, without /directory", layer: 'props', path: 'step', field: 'issuer.server',
    build: guarded((cluster) => stepCaIssuer(cluster, { server: STEP_CA_DIRECTORY.replace(/\/directory$/, '') })), hint: /\/acme\/acme\/directory'/,
  },
  {
    name: 'step-ca at its cluster Service name trusted without caBundle', layer: 'props', path: 'step', field: 'issuer.caBundle',
    build: guarded((cluster) => stepCaIssuer(cluster, { caBundle: undefined })), hint: /step ca root/,
  },
  {
    name: "trust-manager's Bundle selecting namespaces without Grafana's, which mounts its ConfigMap", layer: 'references', path: 'grafana', field: 'persistence.trust.volume',
    build: guarded((cluster) => labCaLab(cluster, TRUSTING_APPS.filter((app) => app !== 'grafana'))), hint: /namespaceSelector[\s\S]*'grafana'/,
  },
  {
    name: "NODE_EXTRA_CA_CERTS naming ca.crt in the folder of the Bundle's ConfigMap, whose key is ca-certificates.crt", layer: 'references', path: 'node-app', field: 'env.NODE_EXTRA_CA_CERTS',
    build: guarded((cluster) => labCaLab(cluster, TRUSTING_APPS, { NODE_EXTRA_CA_CERTS: '/etc/ssl/lab/ca.crt' })), hint: /'\/etc\/ssl\/lab\/ca-certificates\.crt'/,
  },
];

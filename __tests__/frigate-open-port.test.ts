import type { Construct } from 'constructs';
import { HomelabApp, SecretReference } from '../constructs';
import { frigateOpenPortProblem } from '../constructs/app/frigate-open-port';
import { oneNodeLab } from './support/lab-sites';
import { aboutTheLab, sitesInMemory } from './support/synth';

// Frigate from 0.14 on serves the same UI and API twice: behind its login on 8971, without one on 5000.

describe('a route to Frigate', () => {
  test.each([
    ['ghcr.io/blakeblackshear/frigate:0.14.1', 5000, false, true],
    ['ghcr.io/blakeblackshear/frigate:0.16.0-tensorrt', 5000, false, true],
    ['ghcr.io/blakeblackshear/frigate:stable', 5000, false, true],
    ['ghcr.io/blakeblackshear/frigate@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 5000, false, true],
    // Before 0.14, 5000 was the only port and had no login to bypass.
    ['blakeblackshear/frigate:0.13.2', 5000, false, false],
    ['ghcr.io/blakeblackshear/frigate:0.15.1', 8971, false, false],
    ['ghcr.io/blakeblackshear/frigate:0.15.1', 5000, true, false],
    ['nginx:1.27', 5000, false, false],
  ])('%s, container port %d, basic auth %s: warned %s', (image, port, basicAuth, warned) => {
    expect(frigateOpenPortProblem(image, port, basicAuth, 'route.port') !== undefined).toBe(warned);
  });

  const frigate = (route: { port?: number; basicAuth?: boolean }) => (scope: Construct): void => {
    const cluster = oneNodeLab(scope, 'nvr', '10.61.0');
    new HomelabApp(cluster, 'frigate', {
      image: 'ghcr.io/blakeblackshear/frigate:0.15.1',
      ports: [{ name: 'http', port: 5000 }, { name: 'https', port: 8971, appProtocol: 'https' }],
      exemptions: { runAsRoot: 'its init starts as root', writableRootFilesystem: 's6-overlay writes /run', unverifiedBackendTls: 'Frigate signs its own certificate' },
      route: {
        host: 'frigate', ...(route.port !== undefined ? { port: route.port } : {}),
        ...(route.basicAuth ? { basicAuth: SecretReference.external('frigate', 'frigate-users', 'users') } : {}),
      },
    });
  };
  const warnings = (define: (scope: Construct) => void) => aboutTheLab(sitesInMemory(define).findings)
    .filter((f) => f.message.includes("Frigate's port 5000")).map((f) => `${f.severity} ${f.constructPath} ${f.field}`);

  test('to its port without a login is a warning on the route port, with the login port in the hint', () => {
    expect(warnings(frigate({}))).toEqual(['warning main/frigate route.port']);
    const [finding] = sitesInMemory(frigate({})).findings.filter((f) => f.message.includes("Frigate's port 5000"));
    expect(finding.hint).toMatch(/port: 8971, appProtocol: 'https'/);
  });

  test('to its login port, or behind basic auth, draws none', () => {
    expect(warnings(frigate({ port: 8971 }))).toEqual([]);
    expect(warnings(frigate({ basicAuth: true }))).toEqual([]);
  });
});

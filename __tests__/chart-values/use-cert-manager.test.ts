import { useCertManager } from '../../constructs';
import { dns01NameserverProblems } from '../../constructs/platform/cert-manager-props';
import { synthErrors } from './synth-errors';

// cert-manager's DNS-01 name servers go into its controller's flags (`extraArgs`), which the chart passes
// on unread: a server cert-manager cannot parse is no chart error, but a controller that refuses to start.
// Its sizes are the cluster's: `useCertManager` only adds flags to the one release of the cluster.

describe('the DNS-01 name servers cert-manager is given', () => {
  test.each([
    ['an address and port', ['1.1.1.1:53']],
    ['a host name and port', ['dns.lab.test:5353']],
    ['an IPv6 address in brackets', ['[2606:4700:4700::1111]:53']],
    ['a DNS-over-HTTPS URL', ['https://1.1.1.1/dns-query']],
  ])('take %s', (_name, servers) => {
    expect(dns01NameserverProblems(servers)).toEqual([]);
  });

  test.each([
    ['an address without its port', ['1.1.1.1'], 'dns01RecursiveNameservers[0]', /'1\.1\.1\.1:53'/],
    ['a port out of range', ['1.1.1.1:99999'], 'dns01RecursiveNameservers[0]', /host and port/],
    ['a plain-DNS URL', ['udp://1.1.1.1:53'], 'dns01RecursiveNameservers[0]', /https:\/\//],
    ['one server as text, not a list', '1.1.1.1:53', 'dns01RecursiveNameservers', /\['1\.1\.1\.1:53'\]/],
    ['two servers as one text', '1.1.1.1:53, 8.8.8.8:53', 'dns01RecursiveNameservers', /\['1\.1\.1\.1:53', '8\.8\.8\.8:53'\]/],
    ['two servers in one entry', ['1.1.1.1:53 8.8.8.8:53'], 'dns01RecursiveNameservers[0]', /\['1\.1\.1\.1:53', '8\.8\.8\.8:53'\]/],
  ])('refuse %s, naming the entry and how to write it', (_name, servers, field, hint) => {
    const [problem, ...more] = dns01NameserverProblems(servers);
    expect(more).toEqual([]);
    expect(problem.field).toBe(field);
    expect(problem.hint).toMatch(hint);
  });

  test('a lab that asks for a server without its port fails at synth on its own construct, and dist/ is left as it was', () => {
    const { errors, written, unchanged } = synthErrors((cluster) => useCertManager(cluster, { dns01RecursiveNameservers: ['1.1.1.1'] }));
    expect(errors.map(({ path, field, layer }) => ({ path, field, layer }))).toEqual([{ path: 'main', field: 'dns01RecursiveNameservers[0]', layer: 'props' }]);
    expect(written).toBe(false);
    expect(unchanged).toBe(true);
  });

  test('sizes given to useCertManager are refused, pointing at the cluster\'s componentResources', () => {
    const { errors, written } = synthErrors((cluster) => useCertManager(cluster, { resources: { controller: { memoryLimit: '1Gi' } } }));
    expect(errors).toEqual([{ path: 'main', field: 'resources', layer: 'props', hint: expect.stringMatching(/componentResources: \{ certManager/) }]);
    expect(written).toBe(false);
  });
});

import { ruledWidget } from './bad-input/cases-apiserver-parity-25';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: custom resources that keep their CRD's rules calling
// Kubernetes' URL library, its parts read as Go's url package reads them (the scheme lowercased, the port kept in
// the host and out of the host name, an IPv6 address without its brackets, a query's values decoded, an absolute
// path a URL too), and text whose reading by Go is not certain here left to the API server.

const TEXT = { type: 'string' };

test('custom resources that keep their CRD rules of the URL library are accepted', () => {
  for (const build of [
    ruledWidget(TEXT, 'isURL(self)', 'https://hooks.example.com/in'),
    ruledWidget(TEXT, 'isURL(self)', '/relative/to/the/root'),
    ruledWidget(TEXT, 'isURL(self)', 'mailto:admin@example.com'),
    ruledWidget(TEXT, "url(self).getScheme() == 'https'", 'HTTPS://hooks.example.com/in'),
    ruledWidget(TEXT, "url(self).getHost() == 'hooks.example.com:8443'", 'https://hooks.example.com:8443/in'),
    ruledWidget(TEXT, "url(self).getHostname() == 'hooks.example.com' && url(self).getPort() == '8443'", 'https://deploy@hooks.example.com:8443/in'),
    ruledWidget(TEXT, "url(self).getPort() == ''", 'https://hooks.example.com/in'),
    ruledWidget(TEXT, "url(self).getHostname() == 'fd00::1' && url(self).getPort() == '8080'", 'http://[fd00::1]:8080/'),
    ruledWidget(TEXT, "url(self).getEscapedPath() == '/api/v1'", 'https://hooks.example.com/api/v1?x=1#top'),
    ruledWidget(TEXT, "url(self).getEscapedPath() == ''", 'mailto:admin@example.com'),
    ruledWidget(TEXT, "url(self).getQuery() == {'a': ['1', '2'], 'b c': ['']}", 'https://hooks.example.com/?a=1&a=2&b+c'),
    ruledWidget(TEXT, "url(self).getHost() == ''", '/only/a/path'),
    // Go would refuse this host; the rule is left to the API server rather than judged on a guess.
    ruledWidget(TEXT, "url(self).getHost() == 'x'", 'https://a host/'),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

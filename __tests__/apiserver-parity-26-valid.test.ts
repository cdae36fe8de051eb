import { ruledWidget } from './bad-input/cases-apiserver-parity-25';
import { labErrors } from './support/lab-errors';

// What the API server takes beside what it refuses: custom resources that keep their CRD's rules calling
// Kubernetes' URL library, its parts read as Go's url package reads them (the scheme lowercased, the port kept in
// the host and out of the host name, an IPv6 address without its brackets, a query's values decoded, an absolute
// path a URL too), and text whose reading by Go is not certain here left to the API server. And quantities
// compared across suffixes (1Gi is 1024Mi, 7000m is 7), with quantities of more digits than a double keeps
// left to the API server.

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

test('custom resources that keep their CRD rules of the quantity library are accepted', () => {
  for (const build of [
    ruledWidget(TEXT, 'isQuantity(self)', '1.5Gi'),
    ruledWidget(TEXT, 'isQuantity(self)', '1e3'),
    ruledWidget(TEXT, 'isQuantity(self)', '250u'),
    ruledWidget(TEXT, "quantity(self).isLessThan(quantity('1Gi'))", '1023Mi'),
    ruledWidget(TEXT, "quantity(self).compareTo(quantity('1Gi')) == 0", '1024Mi'),
    ruledWidget(TEXT, "!quantity(self).isGreaterThan(quantity('1Gi'))", '1073741824'),
    ruledWidget(TEXT, 'quantity(self).isInteger() && quantity(self).asInteger() == 7', '7000m'),
    ruledWidget(TEXT, 'quantity(self).asApproximateFloat() == 0.25', '250m'),
    ruledWidget(TEXT, 'quantity(self).sign() == -1', '-1k'),
    // More digits than a double keeps (as a double it equals 1e17): left to the API server.
    ruledWidget(TEXT, "quantity(self).isGreaterThan(quantity('1e17'))", '100000000000000001'),
  ]) {
    expect(labErrors(build)).toEqual([]);
  }
});

import { certificateDomainProblems } from '../constructs/platform/cert-manager-props';

// The lab's certificates name `.tailnet` domains, which people copy from DNS zone files with the root's dot.
describe("grey-area's certificates: the domain a WildcardCertificate is given", () => {
  test('a domain with the trailing dot of a zone file is refused with the name to write instead', () => {
    expect(certificateDomainProblems('grey-area.tailnet.')).toEqual([expect.objectContaining({
      field: 'domain', hint: "write it as a certificate names it, without the trailing dot and in lower case: domain: 'grey-area.tailnet'",
    })]);
    expect(certificateDomainProblems('Grey-Area.Tailnet')[0].hint).toContain("domain: 'grey-area.tailnet'");
  });

  test('a domain no spelling fixes is told what a DNS name is made of, not to use lower case it already uses', () => {
    expect(certificateDomainProblems('grey_area.tailnet')[0].hint).toBe("give labels of lower-case letters, digits and '-', separated by dots, e.g. 'lab.example.com'");
    expect(certificateDomainProblems('grey-area.tailnet')).toEqual([]);
  });
});
